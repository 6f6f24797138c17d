// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The Feeds view as a feed manager: the editor's form follows the feed type, refuses what
// FEEDS.json would refuse (naming the key), and the view's actions pause, resume, test and
// remove the selected feed.
#include "feededitdialog.h"
#include "feedmanager.h"
#include "feedsview.h"
#include "feedtablemodel.h"
#include "widgettestsupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Widgets::FeedEditDialog;
using Widgets::FeedsView;

namespace {

void setText(QWidget *editor, const QString &text)
{
    if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setText(text);
    } else if (auto *plain = qobject_cast<QPlainTextEdit *>(editor)) {
        plain->setPlainText(text);
    }
}

} // namespace

class tst_FeedManagerView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(m_store.open());
    }

    void editorFollowsTheType()
    {
        FeedEditDialog dialog({}, {});
        dialog.idEdit()->setText(u"ids"_s);
        QVERIFY(dialog.editorFor(u"path"_s));
        QVERIFY(!dialog.editorFor(u"url"_s));
        dialog.typeBox()->setCurrentIndex(dialog.typeBox()->findData(u"http"_s));
        QVERIFY(!dialog.editorFor(u"path"_s));
        QVERIFY(qobject_cast<QLineEdit *>(dialog.editorFor(u"url"_s)));
        QVERIFY(qobject_cast<QPlainTextEdit *>(dialog.editorFor(u"map"_s)));
        dialog.typeBox()->setCurrentIndex(dialog.typeBox()->findData(u"eth-rpc"_s));
        QVERIFY(qobject_cast<QPlainTextEdit *>(dialog.editorFor(u"nodes"_s)));
        // Every editor has an accessible name (the key) for screen readers.
        for (const QString &key : { u"nodes"_s, u"interval_s"_s, u"watch"_s }) {
            QCOMPARE(dialog.editorFor(key)->accessibleName(), key);
        }
    }

    void editorRefusesWhatTheFileWouldRefuse_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("error");
        QTest::addRow("missing path")
            << u"file"_s << u"path"_s << QString() << u"feed \"new\": missing key \"path\""_s;
        QTest::addRow("plain http")
            << u"http"_s << u"url"_s << u"ftp://x.example/"_s << u"feed \"new\""_s;
        QTest::addRow("secret typed in")
            << u"http"_s << u"token_env"_s << u"s3cr3t token!"_s
            << u"must name an environment variable, not hold a secret"_s;
        QTest::addRow("nodes not JSON") << u"eth-rpc"_s << u"nodes"_s << u"[broken"_s
                                        << u"feed \"new\": \"nodes\" must be an array"_s;
        QTest::addRow("duplicate id") << u"file"_s << u"path"_s << u"/tmp/x.log"_s
                                      << u"feed \"taken\": the id is used twice"_s;
    }

    void editorRefusesWhatTheFileWouldRefuse()
    {
        QFETCH(QString, type);
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, error);
        Feeds::FeedConfig taken;
        taken.id = u"taken"_s;
        taken.type = u"file"_s;
        taken.settings
            = { { u"id"_s, u"taken"_s }, { u"type"_s, u"file"_s }, { u"path"_s, u"/a"_s } };
        FeedEditDialog dialog({ taken }, {});
        dialog.idEdit()->setText(error.contains(u"taken"_s) ? u"taken"_s : u"new"_s);
        dialog.typeBox()->setCurrentIndex(dialog.typeBox()->findData(type));
        if (type == u"http"_s && key != u"url"_s) {
            setText(dialog.editorFor(u"url"_s), u"https://fraud.example/alerts"_s);
        }
        setText(dialog.editorFor(key), value);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open
        QVERIFY2(dialog.errorText().contains(error), qPrintable(dialog.errorText()));
    }

    void editorWritesTheFeed()
    {
        const QJsonObject existing { { u"id"_s, u"fraud"_s }, { u"type"_s, u"http"_s },
            { u"url"_s, u"https://a.example/"_s }, { u"interval_s"_s, 30 },
            { u"format"_s, u"jsonl"_s }, { u"enabled"_s, false } };
        FeedEditDialog dialog({}, existing);
        QCOMPARE(qobject_cast<QLineEdit *>(dialog.editorFor(u"interval_s"_s))->text(), u"30"_s);
        setText(dialog.editorFor(u"interval_s"_s), u"15"_s);
        setText(dialog.editorFor(u"token_env"_s), u"FRAUD_TOKEN"_s);
        setText(dialog.editorFor(u"map"_s), u"{\"ts\":\"/at\",\"title\":\"/why\"}"_s);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const QJsonObject feed = dialog.feed();
        QCOMPARE(feed.value(u"interval_s"_s).toDouble(), 15.0);
        QCOMPARE(feed.value(u"token_env"_s).toString(), u"FRAUD_TOKEN"_s);
        QCOMPARE(feed.value(u"format"_s).toString(), u"jsonl"_s);
        QCOMPARE(feed.value(u"map"_s).toObject().value(u"ts"_s).toString(), u"/at"_s);
        QCOMPARE(feed.value(u"enabled"_s), QJsonValue(false)); // a paused feed stays paused
    }

    void viewActionsDriveTheManager()
    {
        const QString log = m_dir.filePath(u"tail.log"_s);
        QFile f(log);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"ts\":1767225600000,\"title\":\"one\"}\n");
        f.close();
        Feeds::FeedManager manager(m_store.writer());
        QVERIFY(manager.load(m_dir.filePath(u"feeds.json"_s)));
        QVERIFY(manager.save({ { u"id"_s, u"tail"_s }, { u"type"_s, u"file"_s }, { u"path"_s, log },
            { u"format"_s, u"jsonl"_s }, { u"poll_ms"_s, 20 } }));
        QVERIFY(manager.startAll());

        FeedsView view(m_store.queries());
        QVERIFY(!view.actionButton(u"addFeed"_s)->isVisibleTo(&view)); // only with a manager
        view.setFeedManager(&manager);
        view.resize(1200, 600);
        view.show();
        QVERIFY(view.actionButton(u"addFeed"_s)->isVisibleTo(&view));
        // The first batch may land before the view's first query; asking again is what the
        // console's refresh timer does.
        QTRY_VERIFY_WITH_TIMEOUT((view.refreshNow(), view.model()->rowCount() >= 1), 30000);
        // Without a selection a disabled action says why; with one, what it does.
        QVERIFY(!view.actionButton(u"editFeed"_s)->isEnabled());
        // Disabled reasons are plain-text tool tips (Theme::plainToolTip: the feed id is escaped).
        QVERIFY2(view.actionButton(u"editFeed"_s)->toolTip().contains(u">Select a feed first<"_s),
            qPrintable(view.actionButton(u"editFeed"_s)->toolTip()));
        view.selectFeed(u"tail"_s);
        QVERIFY(view.actionButton(u"editFeed"_s)->isEnabled());
        QVERIFY(view.actionButton(u"editFeed"_s)->toolTip().startsWith(u"Change the selected"_s));
        QCOMPARE(view.selectedFeed(), u"tail"_s);
        QPushButton *pause = view.actionButton(u"pauseFeed"_s);
        QPushButton *resume = view.actionButton(u"resumeFeed"_s);
        QVERIFY(pause->isEnabled());
        QVERIFY(!resume->isEnabled());

        QTest::mouseClick(pause, Qt::LeftButton);
        QVERIFY(!manager.isRunning(u"tail"_s));
        QCOMPARE(view.lastActionMessage(), u"Feed tail paused"_s);
        view.selectFeed(u"tail"_s);
        QTRY_VERIFY(resume->isEnabled());
        QVERIFY(!pause->isEnabled());
        QTest::mouseClick(resume, Qt::LeftButton);
        QVERIFY(manager.isRunning(u"tail"_s));

        view.selectFeed(u"tail"_s);
        QTest::mouseClick(view.actionButton(u"testFeed"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            view.lastActionMessage().startsWith(u"Connection test passed"_s), 10000);

        // Remove asks first; the answer is given by the test.
        view.selectFeed(u"tail"_s);
        QTimer::singleShot(0, this, [] {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                if (auto *box = qobject_cast<QMessageBox *>(w)) {
                    box->button(QMessageBox::Yes)->click();
                }
            }
        });
        QTest::mouseClick(view.actionButton(u"removeFeed"_s), Qt::LeftButton);
        QVERIFY(manager.configs().isEmpty());
        QCOMPARE(view.lastActionMessage(), u"Feed tail removed"_s);
        manager.stopAll();
    }

private:
    QTemporaryDir m_dir;
    Test::TestStore m_store;
};

QTEST_MAIN(tst_FeedManagerView)
#include "tst_feedmanagerview.moc"
