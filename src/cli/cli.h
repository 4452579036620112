// The wiredesk command line: one subcommand per file, errors as one line on stderr.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>

#include "core/error.h"
#include "core/result.h"
#include "core/time.h"
#include "store/store.h"

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
void AddEnrichCommand(CLI::App& root, Action& action);
void AddEvalCommand(CLI::App& root, Action& action);
void AddTrainCommand(CLI::App& root, Action& action);
void AddEvalNer(CLI::App& eval, Action& action);
// `eval enrich` (eval_enrich_command.cc): throughput of every feature enrich computes.
void AddEvalEnrich(CLI::App& eval, Action& action);
// `eval timex` (eval_timex_command.cc), added to the `eval` group.
void AddEvalTimex(CLI::App& eval, Action& action);
// `eval quotes` (eval_quotes_command.cc), added to the `eval` group.
void AddEvalQuotes(CLI::App& eval, Action& action);
// `eval keyphrases` and `eval keypoints` (eval_nlp_command.cc), added to the `eval` group.
void AddEvalKeyphrasesAndKeypoints(CLI::App& eval, Action& action);

// Subscriptions: `feeds add|list|remove` (feeds_command.cc), `import-opml`/`export-opml`
// (opml_command.cc), `refresh` (refresh_command.cc).
void AddFeedsCommand(CLI::App& root, Action& action);
void AddOpmlCommands(CLI::App& root, Action& action);
void AddRefreshCommand(CLI::App& root, Action& action);

// `migrate --from sqlite:FILE --to postgresql://...` (migrate_command.cc).
void AddMigrateCommand(CLI::App& root, Action& action);

// Accounts: `users add` and `tokens create` (users_command.cc).
void AddUsersCommands(CLI::App& root, Action& action);

// Stories: `cluster` and `stories` (stories_command.cc).
void AddStoriesCommands(CLI::App& root, Action& action);

// Prints "wiredesk: <error>" on one line to stderr and returns the exit code 1.
int ReportError(const Error& error);
int ReportError(const std::string& message);

// Parses --captured-at and friends; a CLI11 validator message on failure.
std::string ValidateInstant(const std::string& value);

// The database the command opens: --db wins, then $WIREDESK_DB.
std::string DatabaseSpec(const std::string& flag_value);
// Opens that database, or says in one line why it cannot.
Result<std::unique_ptr<store::Store>> OpenDatabase(const std::string& flag_value);

}  // namespace wiredesk::cli
