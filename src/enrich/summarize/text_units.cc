#include "enrich/summarize/text_units.h"

#include <libstemmer.h>

#include <algorithm>
#include <unordered_set>

#include "core/text.h"

namespace wiredesk::enrich::summarize {
namespace {



bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

// Letters outside ASCII: Latin-1 letters up, less the punctuation and symbol blocks news text
// uses as separators (curly quotes, dashes, ellipsis, NBSP, guillemets, emoji).
bool IsWordCodePoint(char32_t c) {
  if (c < 0x80) return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;
  if (c >= 0x3000 && c <= 0x303F) return false;
  if (c >= 0xFE30 && c <= 0xFE4F) return false;
  if (c >= 0xFF00 && c <= 0xFF20) return false;
  if (c == 0xFFFD || c >= 0x1F000) return false;
  return true;
}

char32_t Lower(char32_t c, bool& upper) {
  char32_t lower = c;
  if (c >= 'A' && c <= 'Z') {
    lower = c + 32;
  } else if (c >= 0xC0 && c <= 0xDE && c != 0xD7) {
    lower = c + 0x20;
  } else if (c >= 0x100 && c <= 0x17F) {
    const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    const bool even_upper = (c <= 0x137) || (c >= 0x14A && c <= 0x177);
    if ((odd_upper && (c & 1)) || (even_upper && !(c & 1))) lower = c + 1;
  } else if ((c >= 0x391 && c <= 0x3A9) || (c >= 0x410 && c <= 0x42F)) {
    lower = c + 0x20;
  } else if (c >= 0x400 && c <= 0x40F) {
    lower = c + 0x50;
  }
  upper = lower != c;
  return lower;
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool IsHyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }
bool EndsSentence(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == '\n' || c == 0x2026 || c == ':' ||
         c == ';';
}

using WordSet = std::unordered_set<std::string_view>;

const WordSet& EnglishStopwords() {
  static const WordSet kSet = {
      "a", "about", "above", "across", "after", "again", "against", "ago", "all", "almost",
      "along", "already", "also", "although", "always", "am", "among", "an", "and", "another",
      "any", "anyone", "anything", "are", "around", "as", "at", "away", "back", "be", "became",
      "because", "become", "been", "before", "being", "below", "between", "both", "but", "by",
      "can", "cannot", "could", "did", "do", "does", "doing", "done", "down", "during", "each",
      "either", "else", "enough", "even", "ever", "every", "few", "for", "from", "further",
      "get", "gets", "getting", "got", "had", "has", "have", "having", "he", "her", "here",
      "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in", "into",
      "is", "it", "its", "itself", "just", "last", "least", "less", "let", "like", "made",
      "make", "many", "may", "me", "might", "more", "most", "mr", "mrs", "ms", "much", "must",
      "my", "myself", "neither", "never", "next", "no", "nor", "not", "now", "of", "off",
      "often", "on", "once", "one", "only", "onto", "or", "other", "others", "our", "ours",
      "ourselves", "out", "over", "own", "per", "perhaps", "put", "rather", "re", "really",
      "s", "said", "same", "say", "saying", "says", "see", "seen", "several", "shall", "she",
      "should", "since", "so", "some", "still", "such", "t", "take", "than", "that", "the",
      "their", "theirs", "them", "themselves", "then", "there", "these", "they", "thing",
      "things", "this", "those", "though", "through", "thus", "to", "told", "too", "took",
      "toward", "towards", "under", "unless", "until", "up", "upon", "us", "use", "used",
      "very", "via", "want", "was", "way", "we", "well", "went", "were", "what", "whatever",
      "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will",
      "with", "within", "without", "would", "yet", "you", "your", "yours", "yourself", "ve",
      "ll", "d", "m", "don", "didn", "doesn", "isn", "wasn", "aren", "won", "can't", "n't",
      "it's", "i'm", "don't", "didn't", "doesn't", "isn't", "wasn't", "won't", "that's",
      "there's", "he's", "she's", "they're", "we're", "you're", "i've", "we've", "they've",
      "new", "two", "three", "first", "year", "years", "time", "day", "days", "week", "today",
      "yesterday", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday", "according", "including", "added", "told", "cnn", "http", "https",
      "www", "com"};
  return kSet;
}

const WordSet& FrenchStopwords() {
  static const WordSet kSet = {
      "a", "à", "au", "aux", "avec", "ce", "ces", "cette", "dans", "de", "des", "du", "elle",
      "elles", "en", "est", "et", "été", "être", "eux", "il", "ils", "je", "la", "le", "les",
      "leur", "leurs", "lui", "ma", "mais", "me", "même", "mes", "moi", "mon", "ne", "nos",
      "notre", "nous", "on", "ont", "ou", "où", "par", "pas", "plus", "pour", "qu", "que",
      "qui", "sa", "sans", "se", "ses", "son", "sont", "sur", "ta", "te", "tes", "toi", "ton",
      "tu", "un", "une", "vos", "votre", "vous", "y", "d", "l", "c", "j", "n", "s", "t", "m",
      "a", "été", "fait", "selon", "aussi", "comme", "entre", "après", "avant", "depuis",
      "lors", "dont", "ainsi", "très", "tout", "tous", "toute", "toutes", "deux", "si", "car",
      "donc", "ni", "ce", "cela", "ça", "mardi", "lundi", "mercredi", "jeudi", "vendredi",
      "samedi", "dimanche", "an", "ans", "année"};
  return kSet;
}

const WordSet& GermanStopwords() {
  static const WordSet kSet = {
      "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "das", "dass", "dem",
      "den", "der", "des", "die", "doch", "durch", "ein", "eine", "einem", "einen", "einer",
      "eines", "er", "es", "für", "hat", "haben", "ich", "ihr", "ihre", "im", "in", "ist",
      "ja", "kann", "man", "mit", "nach", "nicht", "noch", "nur", "oder", "sich", "sie",
      "sind", "so", "um", "und", "uns", "von", "vor", "war", "waren", "was", "wie", "wir",
      "wird", "wurde", "wurden", "zu", "zum", "zur", "über", "unter", "seit", "sein", "seine",
      "hatte", "werden", "worden", "mehr", "dieser", "diese", "dieses", "jahr", "jahren"};
  return kSet;
}

const WordSet& SpanishStopwords() {
  static const WordSet kSet = {
      "a", "al", "algo", "ante", "con", "como", "contra", "cual", "de", "del", "desde", "donde",
      "durante", "e", "el", "ella", "ellos", "en", "entre", "era", "es", "esa", "ese", "eso",
      "esta", "este", "esto", "fue", "ha", "han", "hasta", "hay", "la", "las", "le", "les",
      "lo", "los", "más", "me", "mi", "muy", "no", "nos", "o", "para", "pero", "por", "que",
      "se", "ser", "si", "sin", "sobre", "su", "sus", "también", "te", "tiene", "un", "una",
      "uno", "unos", "y", "ya", "según", "años", "año"};
  return kSet;
}

const WordSet& ItalianStopwords() {
  static const WordSet kSet = {
      "a", "ad", "al", "alla", "alle", "anche", "che", "chi", "con", "da", "dal", "dalla",
      "dei", "del", "della", "delle", "di", "e", "è", "gli", "ha", "hanno", "i", "il", "in",
      "la", "le", "lo", "ma", "nel", "nella", "non", "o", "per", "più", "quale", "questo",
      "se", "si", "sono", "su", "sul", "sulla", "tra", "un", "una", "uno", "essere", "stato"};
  return kSet;
}

const WordSet& PortugueseStopwords() {
  static const WordSet kSet = {
      "a", "ao", "aos", "as", "com", "como", "da", "das", "de", "do", "dos", "e", "é", "em",
      "entre", "foi", "mais", "mas", "na", "nas", "no", "nos", "o", "os", "ou", "para", "pela",
      "pelo", "por", "que", "se", "sem", "ser", "seu", "sua", "também", "um", "uma", "já"};
  return kSet;
}

const WordSet& DutchStopwords() {
  static const WordSet kSet = {
      "aan", "al", "als", "bij", "dan", "dat", "de", "den", "der", "die", "dit", "door", "een",
      "en", "er", "het", "hij", "heeft", "hun", "in", "is", "je", "maar", "met", "naar", "niet",
      "nog", "of", "om", "ook", "op", "over", "te", "tot", "uit", "van", "voor", "was", "werd",
      "wordt", "ze", "zich", "zijn", "zo"};
  return kSet;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::string_view SnowballName(std::string_view language) {
  static constexpr std::pair<std::string_view, std::string_view> kCodes[] = {
      {"en", "english"},   {"fr", "french"},    {"de", "german"},  {"es", "spanish"},
      {"it", "italian"},   {"pt", "portuguese"}, {"nl", "dutch"},  {"sv", "swedish"},
      {"da", "danish"},    {"no", "norwegian"}, {"nb", "norwegian"}, {"fi", "finnish"},
      {"ru", "russian"},   {"hu", "hungarian"}, {"ro", "romanian"}, {"tr", "turkish"},
      {"ca", "catalan"},   {"el", "greek"},     {"id", "indonesian"}, {"ga", "irish"},
      {"lt", "lithuanian"}, {"ne", "nepali"},   {"sr", "serbian"}, {"ta", "tamil"},
      {"ar", "arabic"},    {"hy", "armenian"},  {"eu", "basque"},  {"hi", "hindi"},
      {"yi", "yiddish"}};
  if (language.empty()) return "english";
  for (const auto& [code, name] : kCodes) {
    if (language == code) return name;
  }
  return language;
}

bool IsStopword(std::string_view lower, std::string_view language) {
  const std::string_view name = SnowballName(language);
  const WordSet* set = nullptr;
  if (name == "english") set = &EnglishStopwords();
  else if (name == "french") set = &FrenchStopwords();
  else if (name == "german") set = &GermanStopwords();
  else if (name == "spanish") set = &SpanishStopwords();
  else if (name == "italian") set = &ItalianStopwords();
  else if (name == "portuguese") set = &PortugueseStopwords();
  else if (name == "dutch") set = &DutchStopwords();
  if (set != nullptr) return set->contains(lower);
  // No list for this language: words of one or two letters are mostly function words.
  return CodePoints(lower) <= 2 && !(lower[0] >= '0' && lower[0] <= '9');
}

std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> words;
  words.reserve(text.size() / 6 + 1);
  bool pending_break = true;
  bool pending_sentence = true;
  size_t i = 0;
  while (i < text.size()) {
    size_t len = 0;
    const char32_t c = DecodeUtf8(text, i, len);
    if (!IsWordCodePoint(c)) {
      if (c != ' ' && c != '\t' && c != 0xA0) pending_break = true;
      if (EndsSentence(c)) pending_sentence = true;
      i += len;
      continue;
    }
    Word w;
    const size_t begin = i;
    size_t end = i;
    size_t letters = 0, uppers = 0;
    bool first = true;
    while (i < text.size()) {
      size_t l = 0;
      const char32_t d = DecodeUtf8(text, i, l);
      if (IsWordCodePoint(d)) {
        bool upper = false;
        const char32_t low = Lower(d, upper);
        if (first) w.capitalised = upper;
        first = false;
        if (IsDigit(d)) {
          w.number = true;
        } else {
          ++letters;
          uppers += upper;
        }
        AppendUtf8(low, w.lower);
        i += l;
        end = i;
        continue;
      }
      // An apostrophe or hyphen joins two runs of letters: "o'brien", "covid-19".
      if ((IsApostrophe(d) || IsHyphen(d)) && i + l < text.size()) {
        size_t l2 = 0;
        const char32_t next = DecodeUtf8(text, i + l, l2);
        if (IsWordCodePoint(next)) {
          // Possessive "'s" and "’s": the word ends here.
          if (IsApostrophe(d) && (next == 's' || next == 'S')) {
            const size_t after = i + l + l2;
            size_t l3 = 0;
            if (after >= text.size() || !IsWordCodePoint(DecodeUtf8(text, after, l3))) {
              i = after;
              break;
            }
          }
          w.lower.push_back(IsHyphen(d) ? '-' : '\'');
          i += l;
          continue;
        }
      }
      break;
    }
    w.surface = text.substr(begin, end - begin);
    w.all_caps = letters >= 2 && uppers == letters;
    w.break_before = pending_break;
    w.sentence_start = pending_sentence;
    pending_break = false;
    pending_sentence = false;
    words.push_back(std::move(w));
  }
  return words;
}

struct Stemmer::Impl {
  sb_stemmer* stemmer = nullptr;
  ~Impl() { sb_stemmer_delete(stemmer); }
};

Stemmer::Stemmer(std::string_view language) {
  const std::string name(SnowballName(language));
  sb_stemmer* s = sb_stemmer_new(name.c_str(), "UTF_8");
  if (s != nullptr) {
    impl_ = std::make_unique<Impl>();
    impl_->stemmer = s;
  }
}

Stemmer::~Stemmer() = default;

const std::string& Stemmer::Stem(std::string_view lower) {
  auto it = cache_.find(lower);
  if (it != cache_.end()) return it->second;
  std::string stem(lower);
  if (impl_ != nullptr) {
    const sb_symbol* s = sb_stemmer_stem(impl_->stemmer,
                                         reinterpret_cast<const sb_symbol*>(lower.data()),
                                         static_cast<int>(lower.size()));
    if (s != nullptr) {
      stem.assign(reinterpret_cast<const char*>(s),
                  static_cast<size_t>(sb_stemmer_length(impl_->stemmer)));
    }
  }
  // Bounded: a long-lived stemmer on a stream of articles must not grow without end.
  if (cache_.size() > 200000) cache_.clear();
  return cache_.emplace(std::string(lower), std::move(stem)).first->second;
}

}  // namespace wiredesk::enrich::summarize
