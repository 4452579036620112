#include "extract/caption_credit.h"

#include <array>

#include "core/text.h"
#include "extract/dom_hints.h"

namespace wiredesk::extract {

using parse::Node;

namespace {

// Agencies and picture desks whose names mark a credit even without "Photo:".
constexpr std::array<std::string_view, 14> kAgencies = {
    "reuters", "ap", "afp", "getty images", "getty", "epa", "shutterstock", "bloomberg",
    "pa", "alamy", "ap photo", "afp via getty images", "xinhua", "anadolu"};

bool IsCreditClass(std::string_view cls) {
  for (std::string_view k : {"credit", "copyright", "photographer", "attribution", "source",
                             "byline", "author"}) {
    if (cls.find(k) != std::string_view::npos) return true;
  }
  return false;
}

bool StartsWithAgency(std::string_view s) {
  std::string lower = AsciiLower(s.substr(0, 40));
  for (std::string_view a : kAgencies) {
    if (StartsWith(lower, a) &&
        (lower.size() == a.size() || lower[a.size()] == '/' || lower[a.size()] == ' ' ||
         lower[a.size()] == ')' || lower[a.size()] == ',')) {
      return true;
    }
  }
  return false;
}

bool MentionsCredit(std::string_view s) {
  std::string lower = AsciiLower(s);
  for (std::string_view k : {"photo", "image", "credit", "picture", "getty", "reuters", "afp",
                             "ap ", "epa", "courtesy", "shutterstock", "illustration", "©"}) {
    if (lower.find(k) != std::string::npos) return true;
  }
  return lower == "ap";
}

std::string_view TrimPunct(std::string_view s) {
  s = Trim(s);
  while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ';')) s.remove_suffix(1);
  return Trim(s);
}

}  // namespace

CaptionParts SplitCredit(std::string_view caption_in) {
  std::string caption = CollapseWhitespace(caption_in);
  std::string_view c = caption;
  CaptionParts out;
  // "Photo: X", "Credit: X" and kin: the last marker starts the credit.
  static constexpr std::array<std::string_view, 12> kMarkers = {
      "photo: ", "photograph: ", "photos: ", "credit: ", "image: ", "picture: ",
      "photo by ", "image credit: ", "photo credit: ", "foto: ", "illustration: ", "source: "};
  std::string lower = AsciiLower(c);
  size_t best = std::string::npos;
  size_t marker_len = 0;
  for (std::string_view m : kMarkers) {
    size_t at = lower.rfind(m);
    // Only as its own sentence or segment: at the start, or after punctuation or a space.
    if (at == std::string::npos) continue;
    if (at != 0 && lower[at - 1] != ' ' && lower[at - 1] != '(' && lower[at - 1] != '|') continue;
    if (best == std::string::npos || at > best ||
        (at == best && m.size() > marker_len)) {
      best = at;
      marker_len = m.size();
    }
  }
  if (best != std::string::npos && c.size() - best < 120) {
    std::string_view credit = c.substr(best + marker_len);
    std::string_view text = c.substr(0, best);
    bool paren = !text.empty() && text.back() == '(';
    if (paren) {
      text.remove_suffix(1);
      if (!credit.empty() && credit.back() == ')') credit.remove_suffix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '|' || text.back() == '-' ||
                             text.back() == '/')) {
      text.remove_suffix(1);
    }
    out.text = std::string(Trim(text));
    out.credit = std::string(TrimPunct(credit));
    if (!out.credit.empty()) return out;
  }
  // "(Reuters)", "(AP Photo/Evan Vucci)", "(Photo: Jane Doe)" at the end.
  if (!c.empty() && c.back() == ')') {
    size_t open = c.rfind('(');
    if (open != std::string_view::npos && c.size() - open < 100) {
      std::string_view inner = c.substr(open + 1, c.size() - open - 2);
      // "Agency/Photographer" is the wire services' credit form, whatever the agency.
      bool slash_credit = inner.find('/') != std::string_view::npos && inner.size() < 60 &&
                          inner.find("//") == std::string_view::npos;
      if (MentionsCredit(inner) || StartsWithAgency(inner) || slash_credit) {
        out.text = std::string(TrimPunct(c.substr(0, open)));
        if (!c.substr(0, open).empty() && Trim(c.substr(0, open)).back() == '.') out.text += '.';
        out.credit = std::string(Trim(inner));
        return out;
      }
    }
  }
  // "... | CREDIT", "... — CREDIT" with a short tail.
  for (std::string_view sep : {" | ", " — ", " / "}) {
    size_t at = c.rfind(sep);
    if (at == std::string_view::npos || at == 0) continue;
    std::string_view tail = Trim(c.substr(at + sep.size()));
    if (!tail.empty() && tail.size() < 60 && (sep == " | " || MentionsCredit(tail) || StartsWithAgency(tail))) {
      out.text = std::string(Trim(c.substr(0, at)));
      out.credit = std::string(TrimPunct(tail));
      return out;
    }
  }
  // "... on Monday. REUTERS/Kevin Lamarque", "... Jane Doe/Getty Images".
  size_t dot = c.rfind(". ");
  if (dot != std::string_view::npos) {
    std::string_view tail = Trim(c.substr(dot + 2));
    if (!tail.empty() && tail.size() < 80 &&
        (StartsWithAgency(tail) || EndsWith(AsciiLower(tail), "getty images") ||
         EndsWith(AsciiLower(tail), "/ap") || EndsWith(AsciiLower(tail), "/reuters") ||
         EndsWith(AsciiLower(tail), "/afp"))) {
      out.text = std::string(c.substr(0, dot + 1));
      out.credit = std::string(TrimPunct(tail));
      return out;
    }
  }
  out.text = caption;
  return out;
}

CaptionParts ReadCaption(Node caption) {
  std::string text;
  std::string credit;
  // One pass: credit-like elements go to `credit`, all other text to `text`.
  std::vector<std::pair<Node, bool>> stack{{caption, false}};
  while (!stack.empty()) {
    auto [n, in_credit] = stack.back();
    stack.pop_back();
    if (n.IsText()) {
      (in_credit ? credit : text) += n.Text();
      continue;
    }
    if (!n.IsElement() || (n != caption && IsNonContentTag(n.Tag()))) continue;
    bool credit_here = in_credit;
    if (n != caption) {
      if (IsHidden(n)) continue;
      std::string cls = ClassAndId(n);
      if (n.Is(MyHTML_TAG_SMALL) || n.Is(MyHTML_TAG_CITE) || IsCreditClass(cls)) credit_here = true;
      if (IsBlockTag(n.Tag()) || n.Is(MyHTML_TAG_BR)) (credit_here ? credit : text) += ' ';
    }
    std::vector<Node> kids;
    for (Node k : n.Children()) kids.push_back(k);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.emplace_back(*it, credit_here);
  }
  CaptionParts parts;
  std::string clean_credit = CollapseWhitespace(credit);
  if (!clean_credit.empty()) {
    parts.text = CollapseWhitespace(text);
    std::string_view cc = clean_credit;
    for (std::string_view m : {"Photo: ", "Credit: ", "Photograph: ", "Image: ", "Photo by "}) {
      if (StartsWith(cc, m)) cc.remove_prefix(m.size());
    }
    if (cc.size() > 2 && cc.front() == '(' && cc.back() == ')') cc = cc.substr(1, cc.size() - 2);
    parts.credit = std::string(Trim(cc));
    return parts;
  }
  return SplitCredit(text);
}

}  // namespace wiredesk::extract
