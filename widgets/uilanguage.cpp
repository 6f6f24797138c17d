// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "uilanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QPointer>
#include <QTranslator>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLanguage, "lakeguard.widgets.language")

namespace Lakeguard::Widgets {

namespace {

// Owned by the application object (so they die with it); QPointer notices that.
QPointer<QTranslator> s_appTranslator;
QPointer<QTranslator> s_qtTranslator;
UiLanguage::Language s_current = UiLanguage::Language::English;

// True when a translator was removed (which sent QEvent::LanguageChange).
bool removeTranslators()
{
    bool removed = false;
    for (QPointer<QTranslator> *t : { &s_appTranslator, &s_qtTranslator }) {
        if (*t) {
            removed = QCoreApplication::removeTranslator(*t) || removed;
            delete t->data();
        }
    }
    return removed;
}

QLocale localeFor(UiLanguage::Language language)
{
    // Keep the system's regional formats when they belong to the chosen language (en_GB dates
    // for a British user), else the language's main region.
    const QLocale system = QLocale::system();
    if (language == UiLanguage::Language::SimplifiedChinese) {
        return system.language() == QLocale::Chinese
                && system.script() != QLocale::TraditionalHanScript
            ? system
            : QLocale(QLocale::Chinese, QLocale::SimplifiedHanScript, QLocale::China);
    }
    return system.language() == QLocale::English ? system
                                                 : QLocale(QLocale::English, QLocale::UnitedStates);
}

} // namespace

QString UiLanguage::code(Language language)
{
    return language == Language::SimplifiedChinese ? u"zh_CN"_s : u"en"_s;
}

std::optional<UiLanguage::Language> UiLanguage::fromCode(const QString &code)
{
    if (code == u"en") {
        return Language::English;
    }
    if (code == u"zh_CN") {
        return Language::SimplifiedChinese;
    }
    return std::nullopt;
}

QString UiLanguage::nativeName(Language language)
{
    return language == Language::SimplifiedChinese ? u"简体中文"_s : u"English"_s;
}

UiLanguage::Language UiLanguage::systemLanguage()
{
    // uiLanguages() honours LANGUAGE/LC_MESSAGES order; the first entry decides.
    const QStringList languages = QLocale::system().uiLanguages();
    const QString first = languages.isEmpty() ? QLocale::system().name() : languages.first();
    return first.startsWith(u"zh"_s, Qt::CaseInsensitive) ? Language::SimplifiedChinese
                                                          : Language::English;
}

UiLanguage::Language UiLanguage::resolve(const QString &commandLine, const QString &saved)
{
    if (const auto language = fromCode(commandLine)) {
        return *language;
    }
    if (const auto language = fromCode(saved)) {
        return *language;
    }
    return systemLanguage();
}

QString UiLanguage::catalogPath(Language language)
{
    if (language == Language::English) {
        return {};
    }
    return u":/i18n/lakeguard_"_s + code(language) + u".qm"_s;
}

bool UiLanguage::apply(Language language, QString *error)
{
    // The locale first: views reformat numbers and dates while handling LanguageChange.
    QLocale::setDefault(localeFor(language));
    const bool removed = removeTranslators();
    s_current = language;
    if (language == Language::English) {
        // English is the source language: no catalogue. Removing a translator sent
        // LanguageChange; without one, send it so views still pick up the new locale.
        if (!removed) {
            QEvent event(QEvent::LanguageChange);
            QCoreApplication::sendEvent(QCoreApplication::instance(), &event);
        }
        return true;
    }

    auto *qt = new QTranslator(QCoreApplication::instance());
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (qt->load(u"qtbase_"_s + code(language), qtDir)) {
        QCoreApplication::installTranslator(qt);
        s_qtTranslator = qt;
    } else {
        // Standard dialogs stay English: worth a line in the log, not an error.
        qCInfo(lcLanguage) << "no qtbase catalogue for" << code(language) << "in" << qtDir;
        delete qt;
    }

    auto *app = new QTranslator(QCoreApplication::instance());
    if (!app->load(catalogPath(language))) {
        delete app;
        if (error) {
            *error = u"cannot load %1"_s.arg(catalogPath(language));
        }
        return false;
    }
    QCoreApplication::installTranslator(app);
    s_appTranslator = app;
    return true;
}

UiLanguage::Language UiLanguage::current()
{
    return s_current;
}

} // namespace Lakeguard::Widgets
