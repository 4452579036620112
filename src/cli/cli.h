// The wiredesk command line: one subcommand per file, errors as one line on stderr.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "core/error.h"
#include "core/time.h"

namespace wiredesk::cli {

// Runs `wiredesk ARGS...`; returns the process exit code.
int Main(int argc, char** argv);

// What a subcommand registers: the action to run once its options are parsed.
using Action = std::function<int()>;

// Each subcommand adds itself to `root` and sets `action` when it is the one invoked.
void AddExtractCommand(CLI::App& root, Action& action);
void AddIngestCommand(CLI::App& root, Action& action);
void AddServeCommand(CLI::App& root, Action& action);
void AddSearchCommand(CLI::App& root, Action& action);
void AddCountCommand(CLI::App& root, Action& action);
void AddEvalCommand(CLI::App& root, Action& action);

// Prints "wiredesk: <error>" on one line to stderr and returns the exit code 1.
int ReportError(const Error& error);
int ReportError(const std::string& message);

// Parses --captured-at and friends; a CLI11 validator message on failure.
std::string ValidateInstant(const std::string& value);

// The database the command opens: --db wins, then $WIREDESK_DB.
std::string DatabaseSpec(const std::string& flag_value);

}  // namespace wiredesk::cli
