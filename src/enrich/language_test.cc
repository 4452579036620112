#include "enrich/language.h"

#include <gtest/gtest.h>

namespace wiredesk::enrich {
namespace {

TEST(LanguageTest, DetectsCommonNewsLanguages) {
  EXPECT_EQ(DetectLanguage("The sources spoke on condition of anonymity because of the "
                           "sensitivity of the subject for two nations with no official ties."),
            "en");
  EXPECT_EQ(DetectLanguage("Le gouvernement a annoncé mardi une série de mesures pour soutenir "
                           "les entreprises touchées par la crise sanitaire."),
            "fr");
  EXPECT_EQ(DetectLanguage("Die Bundesregierung hat am Dienstag neue Maßnahmen angekündigt, um "
                           "die von der Krise betroffenen Unternehmen zu unterstützen."),
            "de");
}

TEST(LanguageTest, SaysNothingWhenUnsure) {
  EXPECT_EQ(DetectLanguage(""), "");
  EXPECT_EQ(DetectLanguage("12345 !!! ???"), "");
  EXPECT_EQ(DetectLanguage("\xFF\xFE\xFD"), "");
}

}  // namespace
}  // namespace wiredesk::enrich
