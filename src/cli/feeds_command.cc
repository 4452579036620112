// `wiredesk feeds add|list|remove`: the operator's subscriptions.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/article_json.h"
#include "core/text.h"
#include "parse/feed_json.h"
#include "parse/feed_parser.h"
#include "store/store.h"

namespace wiredesk::cli {

namespace {

// Feed text is data: on a terminal, control characters (escape sequences among them) would
// be commands, so each one becomes U+FFFD.
std::string Printable(std::string_view s) {
  std::string out;
  const std::string valid = RepairUtf8(s);
  for (size_t i = 0; i < valid.size(); ++i) {
    const auto c = static_cast<unsigned char>(valid[i]);
    if (c < 0x20 || c == 0x7F) {
      out += "\xEF\xBF\xBD";
    } else if (c == 0xC2 && i + 1 < valid.size() &&
               static_cast<unsigned char>(valid[i + 1]) < 0xA0) {  // C1 controls, U+0080..U+009F
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out += valid[i];
    }
  }
  return out;
}

nlohmann::json FeedToJson(const store::FeedRecord& f) {
  return {{"url", f.url},
          {"title", f.title},
          {"folder", f.folder},
          {"site_url", f.site_url},
          {"state", store::FeedStateName(f.State())},
          {"last_error", f.last_error},
          {"failures", f.failures},
          {"entry_count", f.entry_count},
          {"last_fetched_at", OptionalInstantToJson(f.last_fetched_at)},
          {"last_success_at", OptionalInstantToJson(f.last_success_at)},
          {"next_fetch_at", FormatIso8601(f.next_fetch_at)},
          {"interval_seconds", f.interval_seconds}};
}

struct FeedsOptions {
  std::string db;
  std::string url;
  std::string title;
  std::string folder;
  bool json = false;
  std::string file;
  bool count = false;
};

int RunAdd(const FeedsOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store) return ReportError(store.error());
  auto id = (*store)->AddFeed({o.url, o.title, o.folder, ""});
  if (!id) return ReportError(id.error());
  std::cout << "subscribed to " << Printable(o.url) << " (feed " << *id
            << "); it is fetched on the next refresh\n";
  return 0;
}

int RunList(const FeedsOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store) return ReportError(store.error());
  auto feeds = (*store)->ListFeeds();
  if (!feeds) return ReportError(feeds.error());
  if (o.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const store::FeedRecord& f : *feeds) out.push_back(FeedToJson(f));
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  if (feeds->empty()) {
    std::cout << "no subscriptions (add one with: wiredesk feeds add URL)\n";
    return 0;
  }
  for (const store::FeedRecord& f : *feeds) {
    std::cout << store::FeedStateName(f.State()) << "\t" << Printable(f.url) << "\t"
              << f.entry_count << " entries";
    if (!f.title.empty()) std::cout << "\t" << Printable(f.title);
    if (!f.folder.empty()) std::cout << "\t[" << Printable(f.folder) << "]";
    std::cout << "\n";
    if (!f.last_error.empty()) {
      std::cout << "\tlast error (" << f.failures << " in a row): " << Printable(f.last_error)
                << "; next try " << FormatIso8601(f.next_fetch_at) << "\n";
    }
  }
  return 0;
}

int RunRemove(const FeedsOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store) return ReportError(store.error());
  if (auto st = (*store)->RemoveFeed(o.url); !st) return ReportError(st.error());
  std::cout << "unsubscribed from " << Printable(o.url) << " (its articles stay)\n";
  return 0;
}

// What wiredesk reads in a feed file: the ParsedFeed JSON of the golden tests, or with
// --count the number of entries and the parse speed (for bench/feeds_bench.sh).
int RunParse(const FeedsOptions& o) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(o.file, ec);
  if (ec) return ReportError(o.file + ": cannot read (" + ec.message() + ")");
  if (size > (256u << 20)) return ReportError(o.file + ": larger than 256 MiB");
  std::ifstream in(o.file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  parse::FeedParseOptions options;
  options.url = o.url;
  options.max_entries = o.count ? SIZE_MAX : 1000;
  const auto start = std::chrono::steady_clock::now();
  auto feed = parse::ParseFeed(bytes, options);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!feed) {
    Error e = feed.error();
    e.context = o.file;
    return ReportError(e);
  }
  if (o.count) {
    std::cout << feed->entries.size() << " entries in " << secs * 1000 << " ms ("
              << static_cast<long long>(feed->entries.size() / std::max(secs, 1e-9))
              << " entries/s)\n";
    return 0;
  }
  std::cout << parse::ParsedFeedToJson(*feed).dump(2, ' ', false,
                                                   nlohmann::json::error_handler_t::replace)
            << "\n";
  return 0;
}

}  // namespace

void AddFeedsCommand(CLI::App& root, Action& action) {
  auto opts = std::make_shared<FeedsOptions>();
  CLI::App* feeds = root.add_subcommand("feeds", "Manage subscriptions: add, list, remove (and parse a feed file)");
  feeds->require_subcommand(1);

  CLI::App* add = feeds->add_subcommand("add", "Subscribe to a feed (or a site's home page)");
  add->add_option("url", opts->url, "the feed's URL, or a page that announces one")->required();
  add->add_option("--db", opts->db, "database file (or $WIREDESK_DB)");
  add->add_option("--title", opts->title, "a title of your own (else the feed's)");
  add->add_option("--folder", opts->folder, "a folder, \"News/World\"");
  add->callback([opts, &action] { action = [opts] { return RunAdd(*opts); }; });

  CLI::App* list = feeds->add_subcommand("list", "List subscriptions with their state");
  list->add_option("--db", opts->db, "database file (or $WIREDESK_DB)");
  list->add_flag("--json", opts->json, "JSON: url, state, last_error, entry_count and more");
  list->callback([opts, &action] { action = [opts] { return RunList(*opts); }; });

  CLI::App* remove = feeds->add_subcommand("remove", "Unsubscribe (stored articles stay)");
  remove->add_option("url", opts->url, "the feed's URL as listed")->required();
  remove->add_option("--db", opts->db, "database file (or $WIREDESK_DB)");
  remove->callback([opts, &action] { action = [opts] { return RunRemove(*opts); }; });

  CLI::App* parse = feeds->add_subcommand("parse", "Print what wiredesk reads in a feed file");
  parse->add_option("file", opts->file, "an RSS, Atom or JSON Feed file")->required();
  parse->add_option("--url", opts->url, "the URL it came from, for relative links");
  parse->add_flag("--count", opts->count, "print the entry count and parse speed only");
  parse->callback([opts, &action] { action = [opts] { return RunParse(*opts); }; });
}

}  // namespace wiredesk::cli
