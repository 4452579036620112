// wiredesk: the binary. Everything lives in src/; this only hands over argv.
#include "cli/cli.h"

int main(int argc, char** argv) { return wiredesk::cli::Main(argc, argv); }
