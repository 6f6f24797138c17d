// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace Lakeguard::Widgets {

// The user interface language: which translators are installed and which locale formats
// numbers and dates. Switching installs or removes Lakeguard's and Qt's translators, so Qt sends
// QEvent::LanguageChange to every widget; each view retranslates in changeEvent(). The
// Lakeguard catalogue is read from :/i18n (embedded by qt_add_translations in lakeguard_gui),
// Qt's own qtbase catalogue from QLibraryInfo::TranslationsPath. GUI thread only.
class UiLanguage final
{
public:
    enum class Language { English, SimplifiedChinese };

    static QString code(Language language); // "en", "zh_CN"
    static std::optional<Language> fromCode(const QString &code);
    // The language's own name for the menu ("English", "简体中文"): never translated.
    static QString nativeName(Language language);
    // Chinese for a zh* system locale, else English.
    static Language systemLanguage();
    // --lang wins, then the saved choice, then the system locale; invalid codes are skipped.
    static Language resolve(const QString &commandLine, const QString &saved);

    // Sets QLocale's default, then installs the language's translators (removing the previous
    // ones). False (and `error` set) when Lakeguard's catalogue could not be loaded; the locale
    // is switched anyway and the texts stay English.
    static bool apply(Language language, QString *error = nullptr);
    static Language current();
    // Resource path of Lakeguard's catalogue for `language` (empty for English, the source).
    static QString catalogPath(Language language);
};

} // namespace Lakeguard::Widgets
