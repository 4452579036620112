#include "extract/content_scorer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

#include "extract/dom_hints.h"

namespace wiredesk::extract {

using parse::Node;
using parse::TagId;

namespace {

// Paragraphs shorter than this are captions, buttons or teasers, not article prose.
constexpr size_t kMinParagraphChars = 25;
// How far up a paragraph's score flows (Readability.js uses 5 levels).
constexpr int kAncestorLevels = 5;
// Candidates compared with the best one, and how many must share an ancestor to move up to it.
constexpr size_t kTopCandidates = 5;
constexpr size_t kMinCloseCandidates = 3;

struct Info {
  Node node;
  int parent = -1;
  size_t chars = 0;       // whole subtree
  size_t link_chars = 0;  // text inside <a>
  size_t commas = 0;
  size_t own_chars = SIZE_MAX;  // text directly inside, before subtree sums
  size_t own_commas = 0;
  size_t run_chars = 0;
  size_t p_chars = 0;  // text inside <p> elements of the subtree  // text directly inside, whitespace-only nodes not counted
  bool has_block_child = false;
  bool candidate = false;
  double score = 0;
};

double TagBaseScore(TagId t) {
  switch (t) {
    case MyHTML_TAG_DIV: case MyHTML_TAG_ARTICLE: case MyHTML_TAG_MAIN: return 5;
    case MyHTML_TAG_PRE: case MyHTML_TAG_TD: case MyHTML_TAG_BLOCKQUOTE: return 3;
    case MyHTML_TAG_ADDRESS: case MyHTML_TAG_OL: case MyHTML_TAG_UL: case MyHTML_TAG_DL:
    case MyHTML_TAG_DD: case MyHTML_TAG_DT: case MyHTML_TAG_LI: case MyHTML_TAG_FORM:
      return -3;
    case MyHTML_TAG_H1: case MyHTML_TAG_H2: case MyHTML_TAG_H3: case MyHTML_TAG_H4:
    case MyHTML_TAG_H5: case MyHTML_TAG_H6: case MyHTML_TAG_TH:
      return -5;
    default: return 0;
  }
}

class Scorer {
 public:
  Scorer(Node body, HintCache& hints) : hints_(hints) { Collect(body); }

  std::vector<Node> Run() {
    ScoreParagraphs();
    // The best few candidates, best first (Readability.js keeps 5).
    std::array<int, kTopCandidates> best;
    best.fill(-1);
    for (size_t i = 0; i < infos_.size(); ++i) {
      Info& info = infos_[i];
      if (!info.candidate) continue;
      double density = info.chars == 0 ? 0 : double(info.link_chars) / double(info.chars);
      info.score *= (1.0 - density);
      for (size_t k = 0; k < best.size(); ++k) {
        if (best[k] < 0 || info.score > infos_[best[k]].score) {
          for (size_t j = best.size() - 1; j > k; --j) best[j] = best[j - 1];
          best[k] = static_cast<int>(i);
          break;
        }
      }
    }
    int top = best[0];
    if (top < 0) return {};
    top = ClimbToCommonAncestor(top, best);
    top = ClimbToParent(top);
    top = ClimbToArticleBody(top);
    return WithSiblings(top);
  }

 private:
  // Flattens the body into pre-order with parent links and subtree text totals, leaving out
  // what is never content (scripts, navigation, hidden elements, chrome by class).
  //
  // Chrome is judged after the text is counted: a class that reads like chrome on an element
  // holding most of the page's prose is a page wrapper ("ad-portal", "wrapper header-style-2",
  // "m-advertisement-off-canvas--pusher"), and dropping it would drop the article with it.
  void Collect(Node body) {
    if (!body) return;
    std::vector<bool> chrome;  // by class, role or hidden state; decided below
    std::vector<bool> discussion;
    std::vector<std::pair<Node, int>> stack{{body, -1}};
    std::vector<Node> children;
    while (!stack.empty()) {
      auto [n, parent] = stack.back();
      stack.pop_back();
      TagId t = n.Tag();
      if (t == MyHTML_TAG__TEXT) {
        if (parent < 0) continue;
        std::string_view text = n.Text();
        Info& p = infos_[parent];
        // One pass for both counts: they differ only by the leading whitespace, which counts
        // as a word break in the subtree total but not at the start of a loose run.
        bool space = false;
        size_t commas = 0;
        size_t chars = CollapsedLength(text, &space, &commas);
        bool leading_space = !text.empty() && (text[0] == ' ' || text[0] == '\n' || text[0] == '\t' ||
                                               text[0] == '\r' || text[0] == '\f');
        p.chars += chars;
        p.run_chars += chars - (leading_space ? 1 : 0);
        p.commas += commas;
        continue;
      }
      if (!n.IsElement() || IsNonContentTag(t)) continue;
      bool is_chrome = false;
      bool is_discussion = false;
      if (parent >= 0) {
        ElementHints hints = hints_.Of(n);
        if (hints.hidden) continue;
        if (t != MyHTML_TAG_ARTICLE && t != MyHTML_TAG_MAIN) {
          is_chrome = hints.chrome;
          is_discussion = hints.chrome && hints.discussion;
        }
        if (IsBlockTag(t)) infos_[parent].has_block_child = true;
      }
      int index = static_cast<int>(infos_.size());
      infos_.push_back(Info{.node = n, .parent = parent});
      chrome.push_back(is_chrome);
      discussion.push_back(is_discussion);
      // Push children in reverse so they pop in document order.
      children.clear();
      for (Node c : n.Children()) children.push_back(c);
      for (auto it = children.rbegin(); it != children.rend(); ++it) stack.emplace_back(*it, index);
    }
    SumSubtrees();
    // Prose: text outside links. A wrapper holds at least half of the page's.
    size_t page_prose = infos_.empty() ? 0 : infos_[0].chars - infos_[0].link_chars;
    std::vector<bool> dropped(infos_.size(), false);
    bool any_dropped = false;
    for (size_t i = 1; i < infos_.size(); ++i) {
      Info& info = infos_[i];
      if (dropped[info.parent]) {
        dropped[i] = true;
        continue;
      }
      if (!chrome[i]) continue;
      size_t prose = info.chars - info.link_chars;
      bool wrapper = !discussion[i] && prose * 2 >= page_prose && prose >= kMinParagraphChars;
      if (!wrapper) {
        dropped[i] = true;
        any_dropped = true;
      }
    }
    if (any_dropped) {
      // Keep the survivors only, re-linking parents to their new positions.
      std::vector<int> new_index(infos_.size(), -1);
      std::vector<Info> kept;
      kept.reserve(infos_.size());
      for (size_t i = 0; i < infos_.size(); ++i) {
        if (dropped[i]) continue;
        Info info = infos_[i];
        info.parent = info.parent < 0 ? -1 : new_index[info.parent];
        new_index[i] = static_cast<int>(kept.size());
        kept.push_back(info);
      }
      infos_ = std::move(kept);
      // Subtree totals again, from each element's own text.
      for (size_t i = infos_.size(); i-- > 0;) {
        infos_[i].chars = infos_[i].own_chars;
        infos_[i].commas = infos_[i].own_commas;
        infos_[i].link_chars = 0;
        infos_[i].p_chars = 0;
      }
      SumSubtrees();
    }
  }

  // Children come after their parents in pre-order: one reverse pass sums the subtrees.
  void SumSubtrees() {
    for (Info& info : infos_) {
      if (info.own_chars == SIZE_MAX) {
        info.own_chars = info.chars;
        info.own_commas = info.commas;
      }
    }
    for (size_t i = infos_.size(); i-- > 1;) {
      Info& info = infos_[i];
      if (info.node.Tag() == MyHTML_TAG_A) info.link_chars = info.chars;
      if (info.node.Tag() == MyHTML_TAG_P) info.p_chars = info.chars;
      if (info.parent < 0) continue;
      Info& p = infos_[info.parent];
      p.p_chars += info.p_chars;
      p.chars += info.chars;
      p.link_chars += info.link_chars;
      p.commas += info.commas;
    }
  }

  void Initialise(Info& info) {
    if (info.candidate) return;
    info.candidate = true;
    info.score = TagBaseScore(info.node.Tag()) + hints_.Of(info.node).class_weight;
  }

  void ScoreParagraphs() {
    for (size_t i = 0; i < infos_.size(); ++i) {
      const Info& info = infos_[i];
      TagId t = info.node.Tag();
      bool paragraph = t == MyHTML_TAG_P || t == MyHTML_TAG_PRE || t == MyHTML_TAG_TD ||
                       ((t == MyHTML_TAG_DIV || t == MyHTML_TAG_SECTION) && !info.has_block_child);
      int first = info.parent;
      size_t chars = info.chars;
      size_t commas = info.commas;
      if (!paragraph && info.has_block_child && info.run_chars >= kMinParagraphChars &&
          (t == MyHTML_TAG_DIV || t == MyHTML_TAG_SECTION || t == MyHTML_TAG_ARTICLE ||
           t == MyHTML_TAG_MAIN || t == MyHTML_TAG_TD || t == MyHTML_TAG_BLOCKQUOTE)) {
        // Readability.js wraps a container's loose text (lines between <br>s beside block
        // children) into a <p>: score that run as a paragraph of this container.
        paragraph = true;
        first = static_cast<int>(i);
        chars = info.run_chars;
        commas = info.own_commas;
      }
      if (!paragraph || chars < kMinParagraphChars || info.parent < 0) continue;
      double score = 1.0 + double(commas) + std::min(double(chars) / 100.0, 3.0);
      int level = 0;
      for (int a = first; a >= 0 && level < kAncestorLevels; a = infos_[a].parent, ++level) {
        Info& anc = infos_[a];
        Initialise(anc);
        double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
        anc.score += score / divider;
      }
    }
  }

  bool IsAncestor(int ancestor, int node) const {
    for (int a = infos_[node].parent; a >= 0; a = infos_[a].parent) {
      if (a == ancestor) return true;
    }
    return false;
  }

  // Readability.js: when several runners-up score nearly as well as the best (an article cut
  // into one card or box per paragraph), the best is one piece of it; take the nearest
  // ancestor that at least three of them share.
  int ClimbToCommonAncestor(int top, const std::array<int, kTopCandidates>& best) const {
    std::vector<int> close;
    for (size_t k = 1; k < best.size(); ++k) {
      if (best[k] >= 0 && infos_[best[k]].score >= 0.75 * infos_[top].score) close.push_back(best[k]);
    }
    if (close.size() < kMinCloseCandidates) return top;
    for (int a = infos_[top].parent; a > 0; a = infos_[a].parent) {
      size_t sharing = 0;
      for (int c : close) sharing += IsAncestor(a, c);
      if (sharing >= kMinCloseCandidates) return a;
    }
    return top;
  }

  // Readability.js: when the parent scores nearly as well, the article is split over several
  // children of it (paragraph groups between ads); take the parent.
  int ClimbToParent(int top) {
    double last = infos_[top].score;
    double threshold = last / 3.0;
    for (int p = infos_[top].parent; p > 0; p = infos_[p].parent) {
      const Info& parent = infos_[p];
      if (!parent.candidate) continue;
      if (parent.score < threshold) break;
      if (parent.score > last) {
        top = p;
        break;
      }
      last = parent.score;
    }
    // A wrapper with a single child adds nothing but lets sibling checks see further.
    while (infos_[top].parent > 0) {
      Node parent = infos_[infos_[top].parent].node;
      int element_children = 0;
      for (Node c : parent.Children()) element_children += c.IsElement();
      if (element_children != 1) break;
      top = infos_[top].parent;
    }
    return top;
  }

  // Readability.js: a short paragraph beside the article joins it when it reads as a sentence.
  static bool EndsSentence(std::string_view text) {
    size_t dot = text.find(". ");
    return dot != std::string_view::npos || (!text.empty() && text.back() == '.');
  }

  // schema.org's articleBody is the publisher saying where the article is: when the best
  // candidate lies inside such an element, the whole element is the body.
  int ClimbToArticleBody(int top) const {
    for (int a = top; a > 0; a = infos_[a].parent) {
      if (infos_[a].node.Attr("itemprop") == "articleBody") return a;
    }
    return top;
  }

  std::vector<Node> WithSiblings(int top) {
    const Info& best = infos_[top];
    if (best.parent < 0) return {best.node};
    double threshold = std::max(10.0, best.score * 0.2);
    std::string best_class(best.node.Attr("class"));
    // The parent's children that were kept, in document order: they follow it in pre-order.
    std::vector<int> kept_children;
    for (size_t j = best.parent + 1; j < infos_.size() && infos_[j].parent >= best.parent; ++j) {
      if (infos_[j].parent == best.parent) kept_children.push_back(static_cast<int>(j));
    }
    std::vector<Node> out;
    for (int child : kept_children) {
      Node sib = infos_[child].node;
      if (child == top) {
        out.push_back(sib);
        continue;
      }
      const Info& info = infos_[child];
      double bonus = (!best_class.empty() && sib.Attr("class") == best_class) ? best.score * 0.2 : 0;
      bool append = info.candidate && info.score + bonus >= threshold;
      // A lead photo often sits beside the text container rather than in it.
      append = append || sib.Is(MyHTML_TAG_FIGURE);
      double density = info.chars == 0 ? 0 : double(info.link_chars) / double(info.chars);
      if (!append && sib.Is(MyHTML_TAG_P)) {
        append = (info.chars > 80 && density < 0.25) ||
                 (info.chars > 0 && density == 0 && EndsSentence(parse::TextContent(sib)));
      }
      // Readability.js only looks at bare <p> siblings; templates often wrap the lede in a
      // box of its own (CNN's "sourced paragraph"): a sibling that is prose in <p>s counts too.
      if (!append && info.chars > 80 && density < 0.25 && info.p_chars * 5 >= info.chars * 4) {
        append = true;
      }
      if (append) out.push_back(sib);
    }
    return out;
  }

  HintCache& hints_;
  std::vector<Info> infos_;
};

}  // namespace

std::vector<Node> FindContentRoots(const parse::HtmlDocument& doc, HintCache& hints) {
  Node body = doc.Body();
  if (!body) return {};
  return Scorer(body, hints).Run();
}

}  // namespace wiredesk::extract
