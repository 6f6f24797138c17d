// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedtablemodel.h"
#include "modelroles.h"
#include "topentitiesmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Widgets::FeedTableModel;
using Widgets::TopEntitiesModel;

// The small table models of the Feeds view and the Dashboard (no store needed).
class tst_FeedTableModel : public QObject
{
    Q_OBJECT

private slots:
    void modelTester();
    void sameFeedsUpdateInPlace();
    void untrustedErrorIsPlainData();
    void topEntities();

private:
    static Storage::FeedStatus feed(const QString &id, Storage::FeedState state, qint64 received)
    {
        Storage::FeedStatus f;
        f.id = id;
        f.type = u"file"_s;
        f.state = state;
        f.received = received;
        f.accepted = received - 1;
        f.bytes = received * 100;
        f.lastEvent = 1'700'000'000'000;
        return f;
    }
};

void tst_FeedTableModel::modelTester()
{
    FeedTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFeeds({ feed(u"ids"_s, Storage::FeedState::Healthy, 10),
        feed(u"fraud"_s, Storage::FeedState::Down, 3) });
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(FeedTableModel::ColumnCount));
    model.setFeeds({ feed(u"ids"_s, Storage::FeedState::Degraded, 11) });
    QCOMPARE(model.rowCount(), 1);
    model.setFeeds({});
    QCOMPARE(model.rowCount(), 0);
}

void tst_FeedTableModel::sameFeedsUpdateInPlace()
{
    FeedTableModel model;
    model.setFeeds({ feed(u"ids"_s, Storage::FeedState::Healthy, 10) });
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setFeeds({ feed(u"ids"_s, Storage::FeedState::Degraded, 2000) });
    QCOMPARE(reset.size(), 0);
    QCOMPARE(changed.size(), 1);
    const QModelIndex received = model.index(0, FeedTableModel::ReceivedColumn);
    QCOMPARE(received.data(Widgets::RawValueRole).toLongLong(), 2000);
    QCOMPARE(received.data().toString(), QLocale().toString(2000));
    const QModelIndex state = model.index(0, FeedTableModel::StateColumn);
    QCOMPARE(state.data(Widgets::RawValueRole).toInt(), int(Storage::FeedState::Degraded));
    QVERIFY(state.data(Widgets::ChipColorRole).isValid());
}

void tst_FeedTableModel::untrustedErrorIsPlainData()
{
    FeedTableModel model;
    Storage::FeedStatus f = feed(u"ids"_s, Storage::FeedState::Down, 1);
    f.lastError = u"<b>x</b><img src=x>"_s;
    model.setFeeds({ f });
    const QModelIndex error = model.index(0, FeedTableModel::LastErrorColumn);
    QCOMPARE(error.data().toString(), f.lastError);
    // The tooltip escapes the markup so it shows literally.
    const QString tip = error.data(Qt::ToolTipRole).toString();
    QVERIFY(tip.contains(u"&lt;b&gt;x&lt;/b&gt;&lt;img src=x&gt;"_s));
    QVERIFY(!tip.contains(u"<img"_s));
}

void tst_FeedTableModel::topEntities()
{
    TopEntitiesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Storage::EntityRisk a { u"acct-1"_s, 12, Core::Severity::Critical, 88.5 };
    Storage::EntityRisk b { u"<b>host</b>"_s, 3, Core::Severity::Low, 4.25 };
    model.setEntities({ a, b });
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, TopEntitiesModel::EntityColumn).data().toString(), u"acct-1"_s);
    QCOMPARE(model.index(0, TopEntitiesModel::WorstColumn).data(Widgets::RawValueRole).toInt(),
        int(Core::Severity::Critical));
    QCOMPARE(
        model.index(1, TopEntitiesModel::RiskColumn).data(Widgets::RawValueRole).toDouble(), 4.25);
    QCOMPARE(model.index(1, TopEntitiesModel::EntityColumn).data().toString(), u"<b>host</b>"_s);
    model.setEntities({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(tst_FeedTableModel)
#include "tst_feedtablemodel.moc"
