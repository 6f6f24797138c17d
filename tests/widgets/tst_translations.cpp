// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertdetailpanel.h"
#include "alertsview.h"
#include "alerttablemodel.h"
#include "dashboardview.h"
#include "feedsview.h"
#include "feedtablemodel.h"
#include "guisettings.h"
#include "incidentsview.h"
#include "incidenttablemodel.h"
#include "incidenttitle.h"
#include "mainwindow.h"
#include "timelinepage.h"
#include "uilanguage.h"
#include "widgettestsupport.h"

#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include <set>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using App::MainWindow;
using Widgets::UiLanguage;

namespace {

// One <message> of a .ts file.
struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    QString type; // "", "unfinished", "vanished", "obsolete"
    QStringList translations; // one, or one per numerus form
    qint64 line = 0;
};

QList<TsMessage> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage current;
    bool inMessage = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QStringView name = xml.name();
            if (name == u"name" && !inMessage) {
                context = xml.readElementText();
            } else if (name == u"message") {
                current = TsMessage { context, {}, {}, {}, {}, xml.lineNumber() };
                inMessage = true;
            } else if (name == u"source" && inMessage) {
                current.source = xml.readElementText();
            } else if (name == u"comment" && inMessage) {
                current.comment = xml.readElementText();
            } else if (name == u"translation" && inMessage) {
                current.type = xml.attributes().value(u"type"_s).toString();
                // Either text or <numerusform> children.
                QString text;
                while (!(xml.isEndElement() && xml.name() == u"translation") && !xml.atEnd()) {
                    xml.readNext();
                    if (xml.isStartElement() && xml.name() == u"numerusform") {
                        current.translations.append(xml.readElementText());
                    } else if (xml.isCharacters()) {
                        text += xml.text();
                    }
                }
                if (current.translations.isEmpty()) {
                    current.translations.append(text);
                }
            }
        } else if (xml.isEndElement() && xml.name() == u"message") {
            messages.append(current);
            inMessage = false;
        }
    }
    if (xml.hasError()) {
        *error = u"%1 at line %2"_s.arg(xml.errorString()).arg(xml.lineNumber());
    }
    return messages;
}

// %1…%9 (also %L1) and %n, as a set: order may change in a translation, the set may not.
std::set<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(u"%L?([1-9]|n)"_s);
    std::set<QString> found;
    for (const QRegularExpressionMatch &m : re.globalMatch(text)) {
        found.insert(m.captured(1));
    }
    return found;
}

QString describe(const TsMessage &m)
{
    return u"line %1, %2: \"%3\"%4"_s.arg(m.line).arg(
        m.context, m.source.left(60), m.comment.isEmpty() ? QString() : u" (%1)"_s.arg(m.comment));
}

QString tsPath()
{
    return QStringLiteral(LAKEGUARD_SOURCE_DIR) + u"/translations/lakeguard_zh_CN.ts"_s;
}

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void tsIsComplete();
    void tsMatchesTheSources();
    void embeddedCatalogueTranslates();
    void resolvesLanguage_data();
    void resolvesLanguage();
    void switchesMainWindowAtRunTime();
    void incidentColumnsFitInBothLanguages();
    void generatedIncidentTitles();
    void openedIncidentIsListedInChinese();

private:
    Test::TestStore m_store;
};

void tst_Translations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings(u"Lakeguard"_s, u"lakeguard"_s).clear();
    QVERIFY(m_store.open());
    QCOMPARE(m_store.submitAlerts(Test::makeAlerts(0, 50, Test::kBaseTime, 1000)).accepted, 50);
}

void tst_Translations::cleanup()
{
    UiLanguage::apply(UiLanguage::Language::English);
    QSettings(u"Lakeguard"_s, u"lakeguard"_s).clear();
}

void tst_Translations::tsIsComplete()
{
    QString error;
    const QList<TsMessage> messages = readTs(tsPath(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 200);

    QStringList problems;
    for (const TsMessage &m : messages) {
        if (!m.type.isEmpty()) {
            problems << u"%1 — %2"_s.arg(m.type, describe(m));
            continue;
        }
        const std::set<QString> expected = placeholders(m.source);
        for (const QString &translation : m.translations) {
            if (translation.trimmed().isEmpty()) {
                problems << u"empty — %1"_s.arg(describe(m));
            } else if (placeholders(translation) != expected) {
                problems << u"placeholders differ — %1 → \"%2\""_s.arg(describe(m), translation);
            }
        }
    }
    QVERIFY2(problems.isEmpty(),
        qPrintable(u"\n%1 problem(s) in %2 (run the lakeguard_gui_lupdate target, translate, "
                   "commit):\n  "_s.arg(problems.size())
                       .arg(tsPath())
            + problems.join(u"\n  "_s)));
}

// A string added in the code without refreshing the .ts is not in the catalogue at all, so
// tsIsComplete cannot see it: lupdate a copy, as the lakeguard_gui_lupdate target does, and
// compare.
void tst_Translations::tsMatchesTheSources()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(u"copy.ts"_s);
    QVERIFY(QFile::copy(tsPath(), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    const QString root = QStringLiteral(LAKEGUARD_SOURCE_DIR);
    // The folders app/CMakeLists.txt globs (subfolders included: widgets/models, app/cli).
    QStringList args { u"-locations"_s, u"none"_s, u"-no-obsolete"_s, u"-silent"_s };
    for (const char *folder : { "core", "storage", "feeds", "evidence", "widgets", "app" }) {
        args << root + u'/' + QLatin1StringView(folder);
    }
    args << u"-ts"_s << copy;
    QProcess lupdate;
    lupdate.start(QStringLiteral(LAKEGUARD_LUPDATE), args);
    QVERIFY2(lupdate.waitForFinished(120'000), qPrintable(lupdate.errorString()));
    QCOMPARE(lupdate.exitCode(), 0);

    QString error;
    const QList<TsMessage> committed = readTs(tsPath(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QList<TsMessage> refreshed = readTs(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto keys = [](const QList<TsMessage> &messages) {
        std::set<QString> out;
        for (const TsMessage &m : messages) {
            out.insert(m.context + u'\x1f' + m.source + u'\x1f' + m.comment);
        }
        return out;
    };
    const std::set<QString> before = keys(committed);
    const std::set<QString> after = keys(refreshed);
    QStringList problems;
    for (const QString &key : after) {
        if (!before.count(key)) {
            problems << u"in the code, not in the .ts: "_s
                    + QString(key).replace(u'\x1f', u" | "_s);
        }
    }
    for (const QString &key : before) {
        if (!after.count(key)) {
            problems << u"in the .ts, no longer in the code: "_s
                    + QString(key).replace(u'\x1f', u" | "_s);
        }
    }
    QVERIFY2(problems.isEmpty(),
        qPrintable(u"\n(run the lakeguard_gui_lupdate target, translate, commit):\n  "_s
            + problems.join(u"\n  "_s)));
}

void tst_Translations::embeddedCatalogueTranslates()
{
    const QString path = UiLanguage::catalogPath(UiLanguage::Language::SimplifiedChinese);
    QCOMPARE(path, u":/i18n/lakeguard_zh_CN.qm"_s);
    QVERIFY2(QFile::exists(path), "the .qm is not embedded in lakeguard_gui");
    QTranslator translator;
    QVERIFY(translator.load(path));
    QCOMPARE(translator.language(), u"zh_CN"_s);
    QCOMPARE(translator.translate("Lakeguard::App::MainWindow", "Alerts"), u"告警"_s);
    // Same source text, told apart by the disambiguation.
    QCOMPARE(translator.translate("Lakeguard", "Critical", "severity"), u"严重"_s);
    QCOMPARE(translator.translate("Lakeguard::Widgets::Theme", "Down", "feed state"), u"中断"_s);
    QCOMPARE(
        translator.translate("Lakeguard::Widgets::Theme", "Down", "chain node state"), u"宕机"_s);
}

void tst_Translations::resolvesLanguage_data()
{
    QTest::addColumn<QString>("commandLine");
    QTest::addColumn<QString>("saved");
    QTest::addColumn<bool>("chinese");
    const bool systemChinese
        = UiLanguage::systemLanguage() == UiLanguage::Language::SimplifiedChinese;
    QTest::addRow("flag wins") << u"en"_s << u"zh_CN"_s << false;
    QTest::addRow("flag zh") << u"zh_CN"_s << u"en"_s << true;
    QTest::addRow("saved") << QString() << u"zh_CN"_s << true;
    QTest::addRow("bad saved falls to system") << QString() << u"klingon"_s << systemChinese;
    QTest::addRow("nothing: system") << QString() << QString() << systemChinese;
}

void tst_Translations::resolvesLanguage()
{
    QFETCH(QString, commandLine);
    QFETCH(QString, saved);
    QFETCH(bool, chinese);
    QCOMPARE(UiLanguage::resolve(commandLine, saved) == UiLanguage::Language::SimplifiedChinese,
        chinese);
}

void tst_Translations::switchesMainWindowAtRunTime()
{
    // Given a read-only review window (its title says so) showing the alerts
    MainWindow window(m_store.queries(), { m_store.path(), true });
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showView(MainWindow::AlertsPage);
    auto *navigation = window.findChild<QListWidget *>(u"navigation"_s);
    QVERIFY(navigation);
    QAbstractItemModel *alerts = window.alertsView()->tableView()->model();
    QTRY_COMPARE(window.alertsView()->model()->rowCount(), 50);
    QCOMPARE(navigation->item(MainWindow::AlertsPage)->text(), u"Alerts"_s);
    QCOMPARE(window.windowTitle(), u"Lakeguard — read-only review"_s);
    QAction *fileMenu = window.menuBar()->actions().value(0);
    QVERIFY(fileMenu);
    QCOMPARE(fileMenu->text(), u"&File"_s);
    QTRY_VERIFY(window.alertsView()->countText().contains(u"alerts"_s));

    // When the user picks 简体中文 under View ▸ Language
    QAction *chinese = window.languageAction(UiLanguage::Language::SimplifiedChinese);
    QVERIFY(chinese);
    QCOMPARE(chinese->text(), u"简体中文"_s);
    chinese->trigger();

    // Then every visible text follows, the locale is Chinese and the choice is saved.
    QTRY_COMPARE(navigation->item(MainWindow::AlertsPage)->text(), u"告警"_s);
    QCOMPARE(navigation->item(MainWindow::DashboardPage)->text(), u"态势总览"_s);
    QCOMPARE(window.windowTitle(), u"Lakeguard — 只读审阅"_s);
    QCOMPARE(fileMenu->text(), u"文件(&F)"_s);
    QCOMPARE(
        alerts->headerData(Widgets::AlertTableModel::SeverityColumn, Qt::Horizontal).toString(),
        u"严重级别"_s);
    QCOMPARE(window.alertsView()->severityFilter()->itemText(0), u"全部严重级别"_s);
    QCOMPARE(window.alertsView()->severityFilter()->itemText(5), u"严重及以上"_s);
    QCOMPARE(window.alertsView()->countText(), u"50 条告警"_s);
    QCOMPARE(window.feedsView()->model()->headerData(
                 Widgets::FeedTableModel::StateColumn, Qt::Horizontal),
        QVariant(u"状态"_s));
    QCOMPARE(QLocale().language(), QLocale::Chinese);
    QVERIFY(chinese->isChecked());
    QCOMPARE(Widgets::GuiSettings::language(), u"zh_CN"_s);
    // Qt's own catalogue: standard buttons in dialogs are Chinese too.
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"取消"_s);

    // When the user switches back to English, everything reverts.
    window.languageAction(UiLanguage::Language::English)->trigger();
    QTRY_COMPARE(navigation->item(MainWindow::AlertsPage)->text(), u"Alerts"_s);
    QCOMPARE(window.windowTitle(), u"Lakeguard — read-only review"_s);
    QCOMPARE(fileMenu->text(), u"&File"_s);
    QCOMPARE(
        alerts->headerData(Widgets::AlertTableModel::SeverityColumn, Qt::Horizontal).toString(),
        u"Severity"_s);
    QCOMPARE(window.alertsView()->severityFilter()->itemText(0), u"Any severity"_s);
    QCOMPARE(window.alertsView()->countText(), u"50 alerts"_s);
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Cancel"_s);
    QCOMPARE(Widgets::GuiSettings::language(), u"en"_s);
}

// The incident list at 1440 × 900, in English and after switching to Chinese at run time: no
// column scrolls out of view, the fixed columns hold their longest text, and the title keeps
// room for about twenty characters (titles elide; the detail pane has them whole).
void tst_Translations::incidentColumnsFitInBothLanguages()
{
    using Widgets::IncidentTableModel;
    MainWindow window(m_store.queries(), { m_store.path(), true });
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showView(MainWindow::IncidentsPage);
    QTableView *table = window.incidentsView()->tableView();
    const auto check = [&](const QString &language) -> QString {
        QCoreApplication::processEvents();
        const QHeaderView *header = table->horizontalHeader();
        QStringList problems;
        if (table->horizontalScrollBar()->maximum() > 0) {
            problems << u"columns need %1 px, the list shows %2"_s.arg(header->length())
                            .arg(table->viewport()->width());
        }
        const QFontMetrics fm = table->fontMetrics();
        if (header->sectionSize(IncidentTableModel::TitleColumn) < fm.averageCharWidth() * 20) {
            problems << u"title column %1 px"_s.arg(
                header->sectionSize(IncidentTableModel::TitleColumn));
        }
        QFont bold = table->font();
        bold.setBold(true);
        const QList<std::tuple<int, QString, QFont>> texts {
            { IncidentTableModel::StatusColumn,
                IncidentTableModel::statusName(Core::IncidentStatus::Acknowledged), table->font() },
            { IncidentTableModel::StatusColumn,
                IncidentTableModel::statusName(Core::IncidentStatus::FalsePositive),
                table->font() },
            { IncidentTableModel::OwnerColumn, IncidentTableModel::tr("unassigned"),
                table->font() },
            { IncidentTableModel::DeadlineColumn, IncidentTableModel::countdownText(0, 86'340'000),
                bold },
            { IncidentTableModel::DeadlineColumn, IncidentTableModel::countdownText(86'340'000, 0),
                table->font() },
        };
        for (const auto &[column, text, font] : texts) {
            if (QFontMetrics(font).horizontalAdvance(text) + 8 > header->sectionSize(column)) {
                problems << u"\"%1\" does not fit in %2 px"_s.arg(text).arg(
                    header->sectionSize(column));
            }
        }
        for (int c = 0; c < header->count(); ++c) {
            const QString name = table->model()->headerData(c, Qt::Horizontal).toString();
            if (c != IncidentTableModel::TitleColumn
                && header->fontMetrics().horizontalAdvance(name) + 8 > header->sectionSize(c)) {
                problems << u"header \"%1\" does not fit in %2 px"_s.arg(name).arg(
                    header->sectionSize(c));
            }
        }
        return problems.isEmpty() ? QString() : language + u": "_s + problems.join(u"; "_s);
    };
    QTRY_VERIFY(table->viewport()->width() > 0);
    QString problems = check(u"English"_s);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));

    window.languageAction(UiLanguage::Language::SimplifiedChinese)->trigger();
    QTRY_COMPARE(
        table->model()->headerData(IncidentTableModel::StatusColumn, Qt::Horizontal).toString(),
        u"状态"_s);
    problems = check(u"Chinese"_s);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QCOMPARE(IncidentTableModel::countdownText(0, 45 * 60'000), u"逾期 45 分钟"_s);

    // Back to English: the columns grow again for the longer words.
    window.languageAction(UiLanguage::Language::English)->trigger();
    QTRY_COMPARE(
        table->model()->headerData(IncidentTableModel::StatusColumn, Qt::Horizontal).toString(),
        u"Status"_s);
    problems = check(u"English again"_s);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

// The built-in policy's titles are shown in the interface's language; anything else (a site's own
// template, the first alert's title, a split) as stored, and the store keeps the English.
void tst_Translations::generatedIncidentTitles()
{
    using Widgets::IncidentTitle;
    const QString entity = u"Several alerts on ws-dba-0112.corp.bank.example"_s;
    const QString wave = u"Wave of eve:2010937"_s;
    const QString chain = u"chain.lag on chain fisco-1"_s;
    QCOMPARE(IncidentTitle::display(entity, u"same-entity"_s), entity);
    QCOMPARE(IncidentTitle::display(wave, u"same-rule-wave"_s), wave);
    QCOMPARE(IncidentTitle::display(chain, u"chain-condition"_s), chain);

    UiLanguage::apply(UiLanguage::Language::SimplifiedChinese);
    QCOMPARE(IncidentTitle::display(entity, u"same-entity"_s),
        u"ws-dba-0112.corp.bank.example 上的多条告警"_s);
    QCOMPARE(IncidentTitle::display(wave, u"same-rule-wave"_s), u"集中告警：eve:2010937"_s);
    QCOMPARE(IncidentTitle::display(chain, u"chain-condition"_s), u"链 fisco-1 上的 chain.lag"_s);
    // A value that looks like a placeholder stays literal.
    QCOMPARE(IncidentTitle::display(u"Several alerts on %2 %1"_s, u"same-entity"_s),
        u"%2 %1 上的多条告警"_s);
    // Not the built-in form of the rule that titled it: as stored.
    for (const auto &[stored, rule] : std::initializer_list<std::pair<QString, QString>> {
             { entity, u"same-rule-wave"_s }, // another rule's form
             { wave, u"my-site-rule"_s }, // a site's own rule
             { u"Several alerts on "_s, u"same-entity"_s }, // no value
             { u"LG Online banking login failure burst"_s, u"same-rule-entity"_s },
             { u"Split of #4"_s, u"split"_s }, { u" on chain fisco-1"_s, u"chain-condition"_s } }) {
        QCOMPARE(IncidentTitle::display(stored, rule), stored);
    }

    // The list: incidents the built-in policy titled read in Chinese; the tooltip names the
    // stored title, which is what the search field finds.
    Widgets::IncidentsView view(m_store.queries());
    view.show();
    Widgets::IncidentTableModel *model = view.model();
    QTRY_VERIFY_WITH_TIMEOUT(model->cachedIncident(0).has_value(), 10000);
    int translated = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto r = model->cachedIncident(row);
        if (!r || (r->rule != u"same-entity" && r->rule != u"same-rule-wave")) {
            continue;
        }
        const QModelIndex title = model->index(row, Widgets::IncidentTableModel::TitleColumn);
        QVERIFY2(title.data().toString().contains(u"告警"_s), qPrintable(title.data().toString()));
        QVERIFY(!title.data().toString().contains(u"Several alerts"_s));
        QVERIFY2(title.data(Qt::ToolTipRole).toString().contains(r->title),
            qPrintable(title.data(Qt::ToolTipRole).toString()));
        ++translated;
    }
    QVERIFY2(translated > 0, "the test store should hold incidents the built-in policy titled");

    // The search runs on the stored English: a query typed as shown finds what is shown.
    QCOMPARE(IncidentTitle::storedSearch(u"ws-dba-0112 上的多条告警"_s),
        u"Several alerts on ws-dba-0112"_s);
    QCOMPARE(IncidentTitle::storedSearch(u"集中告警：eve:2010937"_s), u"Wave of eve:2010937"_s);
    QCOMPARE(IncidentTitle::storedSearch(u"链 fisco-1 上的 chain.lag"_s),
        u"chain.lag on chain fisco-1"_s);
    QCOMPARE(IncidentTitle::storedSearch(u"多条告警"_s), u"Several alerts on"_s);
    QCOMPARE(IncidentTitle::storedSearch(u"集中告警"_s), u"Wave of"_s);
    // Words of more than one template, one character, or anything else: as typed.
    for (const QString &q : { u"告警"_s, u"上的"_s, u"链"_s, u"ws-dba-0112"_s, u"登录失败"_s }) {
        QCOMPARE(IncidentTitle::storedSearch(q), q);
    }
    // Typed into the view: the list shows the incidents whose stored titles match.
    QString stored; // one incident's title as stored, and how many titles contain it
    qint64 matching = 0;
    qint64 several = 0; // titles of the "Several alerts on" form
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto r = model->cachedIncident(row);
        if (r && stored.isEmpty() && r->rule == u"same-entity") {
            stored = r->title;
        }
        several += r && r->title.startsWith(u"Several alerts on "_s) ? 1 : 0;
    }
    QVERIFY(stored.startsWith(u"Several alerts on "_s));
    const QString value = stored.mid(QStringLiteral("Several alerts on ").size());
    qint64 withValue = 0; // "Several alerts on" titles whose title or entity holds the value
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto r = model->cachedIncident(row); // the whole list, cached before any search
        QVERIFY2(
            r, qPrintable(u"row %1 is not cached: the counts below would be short"_s.arg(row)));
        matching += r->title.contains(stored) ? 1 : 0;
        withValue += r->title.startsWith(u"Several alerts on "_s)
                && (r->title.contains(value, Qt::CaseInsensitive)
                    || r->entity.contains(value, Qt::CaseInsensitive))
            ? 1
            : 0;
    }
    QVERIFY(withValue > 0);
    view.searchEdit()->setText(IncidentTitle::display(stored, u"same-entity"_s));
    QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), matching, 10000);
    view.searchEdit()->setText(u"多条告警"_s);
    QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), several, 10000);
    // A form's words beside a word of the user's own: each word is mapped on its own.
    QCOMPARE(IncidentTitle::storedSearch(u"多条告警 "_s + value), u"Several alerts on "_s + value);
    QCOMPARE(IncidentTitle::storedSearch(value + u"  集中告警"_s), value + u" Wave of"_s);
    QCOMPARE(IncidentTitle::storedSearch(u"告警 db"_s), u"告警 db"_s);
    view.searchEdit()->setText(u"多条告警 "_s + value);
    QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), withValue, 10000);
    view.searchEdit()->setText(u"多条告警 集中告警"_s); // no title has both forms' words
    QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), 0, 10000);

    UiLanguage::apply(UiLanguage::Language::English);
    QCOMPARE(IncidentTitle::storedSearch(u"多条告警"_s), u"多条告警"_s);
    QCOMPARE(
        IncidentTitle::storedSearch(u"Several alerts on db-01"_s), u"Several alerts on db-01"_s);
}

// The Timeline's "Open incident" (and every other way to an incident) puts its title into the
// Incidents search: as the list shows it, so the Chinese console searches a Chinese title and
// still finds the incident whose stored title is English.
void tst_Translations::openedIncidentIsListedInChinese()
{
    UiLanguage::apply(UiLanguage::Language::SimplifiedChinese);
    MainWindow window(m_store.queries(), { m_store.path(), true });
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showView(MainWindow::IncidentsPage);
    Widgets::IncidentTableModel *model = window.incidentsView()->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->cachedIncident(0).has_value(), 10000);
    std::optional<Storage::IncidentRow> wanted;
    for (int row = 0; row < model->rowCount() && !wanted; ++row) {
        const auto r = model->cachedIncident(row);
        if (r && r->rule == u"same-entity") {
            wanted = r;
        }
    }
    QVERIFY(wanted);
    window.showView(MainWindow::TimelineViewPage);

    emit window.timelinePage()->openIncidentRequested(wanted->id);

    QTRY_COMPARE(window.currentView(), int(MainWindow::IncidentsPage));
    const QString shown = Widgets::IncidentTitle::display(wanted->title, wanted->rule);
    QVERIFY(shown.contains(u"上的多条告警"_s));
    QTRY_COMPARE_WITH_TIMEOUT(window.incidentsView()->searchEdit()->text(), shown, 10000);
    const auto listsIt = [model, &wanted] {
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto r = model->cachedIncident(row);
            if (!r || !r->title.contains(wanted->title)) {
                return false; // every listed title holds the opened one's
            }
        }
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->cachedIncident(row)->id == wanted->id) {
                return true;
            }
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(listsIt(), 10000);
}

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
