#include "cli/eval_inputs.h"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "core/text.h"

namespace wiredesk::cli {
namespace {

// gzread reads plain files as they are, so one path serves .gz and uncompressed input.
Result<std::string> ReadAll(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return Fail(ErrorCode::kNotFound, "cannot open the input file", path);
  gzbuffer(f, 1 << 18);
  std::string out;
  char buf[1 << 16];
  for (;;) {
    const int n = gzread(f, buf, sizeof buf);
    if (n < 0) {
      int code = 0;
      std::string message = gzerror(f, &code);
      gzclose(f);
      return Fail(ErrorCode::kParse, "cannot read the input file: " + message, path);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  gzclose(f);
  return out;
}

std::string JsonString(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

Result<EvalItem> ParseJsonLine(std::string_view line, size_t number, const std::string& path) {
  nlohmann::json obj = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  const std::string where = path + ":" + std::to_string(number);
  if (!obj.is_object()) return Fail(ErrorCode::kParse, "expected a JSON object", where);
  EvalItem item;
  item.id = JsonString(obj, "id");
  if (item.id.empty()) return Fail(ErrorCode::kParse, "the item has no id", where);
  item.title = RepairUtf8(JsonString(obj, "title"));
  item.text = RepairUtf8(JsonString(obj, "text"));
  item.source = JsonString(obj, "source");
  const std::string date = JsonString(obj, "date");
  if (!date.empty()) item.published = ParseIso8601(date);
  return item;
}

Result<EvalItem> ParseTsvLine(std::string_view line, size_t number, const std::string& path) {
  std::string_view cols[8];
  size_t n = 0;
  size_t start = 0;
  while (n < 8) {
    const size_t tab = line.find('\t', start);
    cols[n++] = line.substr(start, tab == std::string_view::npos ? line.size() - start
                                                                 : tab - start);
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  const std::string where = path + ":" + std::to_string(number);
  if (n < 8) return Fail(ErrorCode::kParse, "expected 8 tab-separated columns", where);
  EvalItem item;
  item.id = std::string(Trim(cols[0]));
  item.title = RepairUtf8(cols[1]);
  item.source = std::string(cols[3]);
  int64_t ms = 0;
  const std::string_view ts = Trim(cols[7]);
  if (std::from_chars(ts.data(), ts.data() + ts.size(), ms).ec == std::errc()) {
    item.published = Instant(std::chrono::seconds(ms / 1000));
  }
  return item;
}

}  // namespace

Result<std::vector<EvalItem>> ReadEvalItems(const std::string& path) {
  auto data = ReadAll(path);
  if (!data) return Fail(data.error());
  std::vector<EvalItem> items;
  const std::string_view all = *data;
  const size_t first = all.find_first_not_of(" \t\r\n");
  const bool json = first != std::string_view::npos && all[first] == '{';
  size_t start = 0;
  size_t number = 0;
  while (start < all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string_view::npos) end = all.size();
    std::string_view line = all.substr(start, end - start);
    start = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty()) continue;
    auto item = json ? ParseJsonLine(line, number, path) : ParseTsvLine(line, number, path);
    if (!item) return Fail(item.error());
    items.push_back(std::move(*item));
  }
  return items;
}

void SortForStreaming(std::vector<EvalItem>& items) {
  const bool all_timed =
      std::all_of(items.begin(), items.end(), [](const EvalItem& i) { return i.published; });
  if (!all_timed) return;
  // Numeric ids break ties the way the feed listed them (UCI ids rise with crawl order).
  auto numeric = [](const std::string& s) {
    int64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
  };
  std::stable_sort(items.begin(), items.end(), [&](const EvalItem& a, const EvalItem& b) {
    if (*a.published != *b.published) return *a.published < *b.published;
    return numeric(a.id) < numeric(b.id);
  });
}

}  // namespace wiredesk::cli
