/* main.c: options, the choice of mode, start-up and the single exit path. */
#include "config.h"
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include "util.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("ipcsh %s\n", PACKAGE_VERSION);
		return 0;
	}
	return 0;
}
