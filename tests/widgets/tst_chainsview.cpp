// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "chainchart.h"
#include "chainnodecard.h"
#include "chainsview.h"
#include "feedconfig.h"
#include "feedmanager.h"
#include "forkview.h"
#include "widgettestsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChartView>
#include <QtCharts/QLegendMarker>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Widgets::ChainNodeCard;
using Widgets::ChainsView;
using Widgets::ForkView;

class tst_ChainsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyStore();
    void cardPerNode();
    void refreshesOnChange();
    void chartsAndForkView();
    void downsampleKeepsEnds();
    void axesAreLabelled();
    void timeTicksAreRound();
    void addNodeEditsFeeds();
    void untrustedText_data();
    void untrustedText();

private:
    ChainNodeCard *cardFor(ChainsView &view, const QString &node);
    Test::TestStore m_store;
};

void tst_ChainsView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_store.open());
}

ChainNodeCard *tst_ChainsView::cardFor(ChainsView &view, const QString &node)
{
    for (int i = 0; i < view.cardCount(); ++i) {
        if (view.card(i)->nodeText() == node) {
            return view.card(i);
        }
    }
    return nullptr;
}

void tst_ChainsView::emptyStore()
{
    ChainsView view(m_store.queries());
    QSignalSpy refreshed(&view, &ChainsView::refreshed);
    // A query that is already done continues synchronously: ask again with the spy in place.
    view.refreshNow();
    QTRY_VERIFY(!refreshed.isEmpty());
    QCOMPARE(view.cardCount(), 0);
    QCOMPARE(view.emptyText(), u"No chain nodes are monitored in this store."_s);
    // An evidence pack under review carries no node status: the page says that instead, and
    // offers no "Add node…".
    view.setEvidencePack(true);
    QVERIFY2(
        view.emptyText().startsWith(u"An evidence pack carries"_s), qPrintable(view.emptyText()));
    QVERIFY(view.addNodeButton()->isHidden());
    view.setEvidencePack(false);
    QVERIFY(!view.addNodeButton()->isHidden());
    QCOMPARE(view.emptyText(), u"No chain nodes are monitored in this store."_s);
}

void tst_ChainsView::cardPerNode()
{
    const Core::TimestampMs t = Test::kBaseTime;
    Storage::IngestBatch batch;
    batch.feed = u"chain"_s;
    batch.feedType = u"eth-rpc"_s;
    batch.chain = { Test::makeObservation(u"node-a"_s, 1000, u"healthy"_s, 5, t),
        Test::makeObservation(u"node-b"_s, 988, u"lagging"_s, -1, t),
        Test::makeObservation(u"<b>node</b><img src=x>"_s, 1000, u"down"_s, 0, t) };
    const auto r = m_store.submit(batch);
    QVERIFY2(r.ok, qPrintable(r.error));

    ChainsView view(m_store.queries());
    view.resize(1200, 700);
    view.show();
    QTRY_COMPARE(view.cardCount(), 3);

    ChainNodeCard *a = cardFor(view, u"node-a"_s);
    QVERIFY(a);
    QCOMPARE(a->chainText(), u"fincons"_s);
    QCOMPARE(a->valueText(ChainNodeCard::HeightValue), QLocale().toString(1000));
    QCOMPARE(a->valueText(ChainNodeCard::HeadValue), u"0x1234…cdef"_s);
    QCOMPARE(a->valueText(ChainNodeCard::BlockAgeValue), u"3 s"_s);
    QCOMPARE(a->valueText(ChainNodeCard::PeersValue), u"5"_s);
    QCOMPARE(a->valueText(ChainNodeCard::LatencyValue), u"42 ms"_s);
    QCOMPARE(a->stateText(), u"Healthy"_s);

    ChainNodeCard *b = cardFor(view, u"node-b"_s);
    QVERIFY(b);
    QCOMPARE(b->valueText(ChainNodeCard::PeersValue), u"n/a"_s);
    QCOMPARE(b->valueText(ChainNodeCard::LagValue), u"12"_s);
    QCOMPARE(b->stateText(), u"Lagging"_s);

    // A hostile node name shows literally: every label on the card is plain text.
    ChainNodeCard *hostile = cardFor(view, u"<b>node</b><img src=x>"_s);
    QVERIFY(hostile);
    QCOMPARE(hostile->stateText(), u"Down"_s);
    const QList<QLabel *> labels = hostile->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        QCOMPARE(label->textFormat(), Qt::PlainText);
    }
    QVERIFY(view.summaryText().contains(u"1"_s));
    QVERIFY(Test::distinctColours(view) > 10);
}

void tst_ChainsView::refreshesOnChange()
{
    ChainsView view(m_store.queries());
    QTRY_COMPARE(view.cardCount(), 3);
    connect(m_store.writer(), &Storage::StoreWriter::changed, &view, &ChainsView::scheduleRefresh);
    Storage::IngestBatch batch;
    batch.feed = u"chain"_s;
    batch.feedType = u"eth-rpc"_s;
    batch.chain
        = { Test::makeObservation(u"node-a"_s, 1001, u"forked"_s, 5, Test::kBaseTime + 1000) };
    QVERIFY(m_store.submit(batch).ok);
    QTRY_COMPARE(cardFor(view, u"node-a"_s)->stateText(), u"Forked"_s);
    QCOMPARE(cardFor(view, u"node-a"_s)->valueText(ChainNodeCard::HeightValue),
        QLocale().toString(1001));
}

namespace {

Core::ChainObservation devnet(const QString &node, qint64 height, const QString &hash,
    Core::TimestampMs observed, const QString &state = u"healthy"_s)
{
    Core::ChainObservation o;
    o.chain = u"devnet"_s;
    o.node = node;
    o.height = height;
    o.headHash = hash;
    o.blockTime = 1'700'000'000'000 + height * 2000; // a block every 2 s
    o.observed = observed;
    o.state = state;
    o.latencyMs = 4;
    return o;
}

} // namespace

void tst_ChainsView::chartsAndForkView()
{
    Test::TestStore store;
    QVERIFY(store.open());
    // Given ten rounds of two nodes, the last one forked at height 10 ...
    const Core::TimestampMs t = Test::kBaseTime;
    for (int i = 0; i < 10; ++i) {
        Storage::IngestBatch batch;
        batch.feed = u"devnet"_s;
        batch.feedType = u"eth-rpc"_s;
        const bool fork = i == 9;
        batch.chain = { devnet(u"a"_s, 1 + i, u"0xaaaa%1"_s.arg(i), t + i * 1000,
                            fork ? u"forked"_s : u"healthy"_s),
            devnet(u"<i>b</i>"_s, 1 + i, fork ? u"0xbbbb"_s : u"0xaaaa%1"_s.arg(i), t + i * 1000,
                fork ? u"forked"_s : u"healthy"_s) };
        QVERIFY(store.submit(batch).ok);
    }
    // ... and the monitor's fork alert naming the branches.
    Storage::IngestBatch alerts;
    alerts.feed = u"devnet"_s;
    Core::Alert fork = Test::makeAlert(1, t + 9000, Core::Severity::Critical);
    fork.category = Core::Category::Chain;
    fork.rule = u"chain.fork"_s;
    fork.raw = QJsonDocument(QJsonObject { { u"height"_s, 10 },
                                 { u"branches"_s,
                                     QJsonArray { QJsonObject { { u"hash"_s, u"0xaaaa9"_s },
                                                      { u"nodes"_s, QJsonArray { u"a"_s } } },
                                         QJsonObject { { u"hash"_s, u"0xbbbb"_s },
                                             { u"nodes"_s, QJsonArray { u"<i>b</i>"_s } } } } } })
                   .toJson(QJsonDocument::Compact);
    alerts.alerts = { fork };
    QVERIFY(store.submit(alerts).ok);

    ChainsView view(store.queries());
    QSignalSpy history(&view, &ChainsView::historyLoaded);
    QSignalSpy forkLoaded(&view, &ChainsView::forkLoaded);
    view.resize(1200, 900);
    view.show();
    // A query that is already done continues synchronously: ask again with the spies in place.
    view.refreshNow();
    QTRY_COMPARE(view.cardCount(), 2);
    QTRY_VERIFY(!history.isEmpty());
    QCOMPARE(view.chart()->seriesCount(), 2);
    // Block interval from the blocks' own time stamps: 2 s per block.
    const QList<QPointF> intervals = view.chart()->intervalPoints(u"a"_s);
    QCOMPARE(intervals.size(), 9);
    QCOMPARE(intervals.first().y(), 2.0);

    QTRY_VERIFY(!forkLoaded.isEmpty());
    ForkView *fv = view.forkView();
    QVERIFY(fv->isVisible());
    QCOMPARE(fv->branches().size(), 2);
    QCOMPARE(fv->branches().at(1).nodes, QStringList { u"<i>b</i>"_s });
    QVERIFY(fv->titleText().contains(u"devnet"_s));
    QVERIFY(fv->titleText().contains(QLocale().toString(10)));
    const auto *tree = fv->findChild<QTreeWidget *>();
    QVERIFY(tree);
    QCOMPARE(tree->topLevelItemCount(), 2);
    QCOMPARE(tree->topLevelItem(1)->text(1), u"<i>b</i>"_s);

    // Without branches in the alert, the forked nodes' heads are grouped instead.
    qint64 height = 0;
    const auto fromNodes = ForkView::branchesFromObservations(
        { devnet(u"a"_s, 10, u"0x1"_s, t, u"forked"_s),
            devnet(u"b"_s, 11, u"0x2"_s, t, u"forked"_s),
            devnet(u"c"_s, 10, u"0x1"_s, t, u"forked"_s), devnet(u"d"_s, 10, u"0x9"_s, t) },
        &height);
    QCOMPARE(fromNodes.size(), 2);
    QCOMPARE(fromNodes.first().nodes, (QStringList { u"a"_s, u"c"_s }));
    QCOMPARE(height, 10);
}

void tst_ChainsView::downsampleKeepsEnds()
{
    QList<QPointF> points;
    for (int i = 0; i < 10'000; ++i) {
        points.append(QPointF(i, i * 2));
    }
    const auto out = Widgets::ChainChart::downsample(points, 600);
    QVERIFY(out.size() <= 600);
    QVERIFY(out.size() > 500);
    QCOMPARE(out.first(), points.first());
    QCOMPARE(out.last(), points.last());
    QCOMPARE(Widgets::ChainChart::downsample(points.mid(0, 5), 600).size(), 5);
}

// Both charts label their time axis (HH:mm) and their value axis, at the size the Chains view
// gives them; heights read with the locale's digit grouping, as on the node cards.
void tst_ChainsView::axesAreLabelled()
{
    Widgets::ChainChart chart;
    QMap<QString, QList<Storage::ChainHistoryPoint>> history;
    const Core::TimestampMs start = Test::kBaseTime;
    for (const QString &node : { u"validator-1"_s, u"validator-2"_s }) {
        for (int i = 0; i < 120; ++i) {
            Storage::ChainHistoryPoint p;
            p.observed = start + i * 30'000LL;
            p.height = 43'250'000 + i * 15;
            p.blockTime = p.observed - 1000;
            history[node].append(p);
        }
    }
    // Laid out first at a size too small for any label (a page not yet shown), as the Chains
    // view is when its data comes before the page is opened.
    chart.resize(120, 60);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setHistory(history);
    QTest::qWait(50);
    chart.resize(1160, 260);
    QTest::qWait(50);
    const QList<QChartView *> views = chart.findChildren<QChartView *>();
    // Three days of history: midnights read as dates, and 12:00 is a label on each day.
    {
        QMap<QString, QList<Storage::ChainHistoryPoint>> days;
        for (int i = 0; i <= 72; ++i) {
            Storage::ChainHistoryPoint p;
            p.observed
                = QDateTime(QDate(2026, 11, 27), QTime(6, 0)).toMSecsSinceEpoch() + i * 3'600'000LL;
            p.height = 1000 + i;
            days[u"validator-1"_s].append(p);
        }
        chart.setHistory(days);
        auto *axis
            = qobject_cast<QCategoryAxis *>(views.first()->chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(axis);
        QCOMPARE(axis->count(), 6);
        const QStringList labels = axis->categoriesLabels();
        QCOMPARE(labels.at(1), QLocale().toString(QDate(2026, 11, 28), QLocale::ShortFormat));
        QCOMPARE(labels.at(0).trimmed(), u"12:00"_s);
        QCOMPARE(QString(labels.at(2)).remove(QChar(0x200B)), u"12:00"_s);
        chart.setHistory(history);
    }
    QCOMPARE(views.size(), 2);
    for (QChartView *view : views) {
        QStringList times;
        QStringList values;
        for (const QString &t : Test::visibleChartLabels(view)) {
            if (QRegularExpression(u"^\\d\\d:\\d\\d$"_s).match(t).hasMatch()) {
                times << t;
            } else if (QRegularExpression(u"^[\\d,.]+$"_s).match(t).hasMatch()) {
                values << t;
            }
        }
        QVERIFY2(times.size() >= 3, qPrintable(u"time labels: %1"_s.arg(times.join(u", "_s))));
        for (const QString &t : std::as_const(times)) { // round times: every 10 minutes here
            QVERIFY2(t.endsWith(u'0'), qPrintable(times.join(u", "_s)));
        }
        QVERIFY2(values.size() >= 3, qPrintable(u"value labels: %1"_s.arg(values.join(u", "_s))));
        if (view->chart()->title() == u"Block height") {
            QVERIFY2(std::any_of(values.cbegin(), values.cend(),
                         [](const QString &v) { return v.startsWith(u"43,2"_s); }),
                qPrintable(values.join(u", "_s)));
        }
    }
}

void tst_ChainsView::timeTicksAreRound()
{
    using Widgets::ChainChart;
    const QDateTime start = QDateTime(QDate(2026, 11, 27), QTime(6, 9, 41));
    const qint64 from = start.toMSecsSinceEpoch();
    const auto labels = [](const QList<qint64> &ticks) {
        QStringList out;
        for (const qint64 t : ticks) {
            out << QDateTime::fromMSecsSinceEpoch(t).toString(u"dd HH:mm"_s);
        }
        return out.join(u' ');
    };
    // Six hours: on the hour.
    QCOMPARE(labels(ChainChart::timeTicks(from, from + 6 * 3'600'000LL - 90'000, 7)),
        u"27 07:00 27 08:00 27 09:00 27 10:00 27 11:00 27 12:00"_s);
    // One hour: every ten minutes.
    QCOMPARE(labels(ChainChart::timeTicks(from, from + 3'600'000LL, 7)),
        u"27 06:10 27 06:20 27 06:30 27 06:40 27 06:50 27 07:00"_s);
    // Twenty minutes: every five.
    QCOMPARE(labels(ChainChart::timeTicks(from, from + 20 * 60'000LL, 7)),
        u"27 06:10 27 06:15 27 06:20 27 06:25"_s);
    // Three days: every twelve hours, from midnight; a week: local midnights.
    QCOMPARE(labels(ChainChart::timeTicks(from, from + 3 * 86'400'000LL, 7)),
        u"27 12:00 28 00:00 28 12:00 29 00:00 29 12:00 30 00:00"_s);
    QCOMPARE(labels(ChainChart::timeTicks(from, from + 6 * 86'400'000LL, 7)),
        u"28 00:00 29 00:00 30 00:00 01 00:00 02 00:00 03 00:00"_s);
    // Nothing round inside: no tick; an empty range: none either.
    QVERIFY(ChainChart::timeTicks(from, from + 10'000, 7).isEmpty());
    QVERIFY(ChainChart::timeTicks(from, from, 7).isEmpty());
    // Never more than asked, always inside the range and ascending.
    for (const qint64 span : { 90'000LL, 7'200'000LL, 50'000'000LL, 400'000'000LL }) {
        const QList<qint64> ticks = ChainChart::timeTicks(from, from + span, 5);
        QVERIFY(ticks.size() <= 5);
        QVERIFY(std::is_sorted(ticks.cbegin(), ticks.cend()));
        for (const qint64 t : ticks) {
            QVERIFY(t >= from && t <= from + span);
        }
    }
}

void tst_ChainsView::addNodeEditsFeeds()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"feeds.json"_s);
    ChainsView view(m_store.queries());
    auto *button = view.findChild<QPushButton *>();
    QVERIFY(!button->isEnabled()); // no feed manager: a review or a screenshot run
    QVERIFY(!view.addNode(u"devnet"_s, u"eth"_s, u"http://127.0.0.1:1"_s).isEmpty());

    Feeds::FeedManager manager(m_store.writer());
    QVERIFY(manager.load(path));
    QVERIFY(manager.startAll());
    view.setFeedManager(&manager);
    QVERIFY(button->isEnabled());
    // A new chain feed, then a second node in it: saved in FEEDS.json and running.
    QCOMPARE(view.addNode(u"devnet"_s, u"eth"_s, u"http://127.0.0.1:1"_s), QString());
    QCOMPARE(view.addNode(u"devnet"_s, u"eth"_s, u"http://127.0.0.1:2"_s), QString());
    QVERIFY(manager.isRunning(u"devnet"_s));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto feeds = Feeds::parseFeedsConfig(f.readAll());
    QVERIFY2(feeds, qPrintable(feeds.error()));
    QCOMPARE(feeds->size(), 1);
    QCOMPARE(feeds->first().settings.value(u"nodes"_s).toArray().size(), 2);
    QCOMPARE(feeds->first().settings.value(u"kind"_s).toString(), u"eth"_s);
    // Refused: the same node twice, a URL that is no node.
    QVERIFY(view.addNode(u"devnet"_s, u"eth"_s, u"http://127.0.0.1:2"_s).contains(u"already"_s));
    QVERIFY(!view.addNode(u"other"_s, u"eth"_s, u"not a url"_s).isEmpty());
    QCOMPARE(manager.configs().size(), 1);
    manager.stopAll();
}

void tst_ChainsView::untrustedText_data()
{
    Test::addUntrustedTextRows();
}

// Chain, node and hash names and a node's error come from FEEDS.json, the nodes and the
// monitor's alerts: every place the view shows them shows them literally.
void tst_ChainsView::untrustedText()
{
    QFETCH(QString, raw);
    QFETCH(QString, shown);
    Test::TestStore store;
    QVERIFY(store.open());
    // Given two forked nodes of a chain, one with a hostile name, hash and error ...
    const Core::TimestampMs t = Test::kBaseTime;
    Core::ChainObservation good = Test::makeObservation(u"a"_s, 10, u"forked"_s, 5, t);
    Core::ChainObservation hostile = Test::makeObservation(u"node "_s + raw, 10, u"forked"_s, 5, t);
    for (Core::ChainObservation *o : { &good, &hostile }) {
        o->chain = u"chain "_s + raw;
    }
    hostile.headHash = u"0x"_s + raw;
    hostile.error = u"error "_s + raw;
    Storage::IngestBatch batch;
    batch.feed = u"devnet"_s;
    batch.feedType = u"eth-rpc"_s;
    batch.chain = { good, hostile };
    QVERIFY(store.submit(batch).ok);
    // ... and the fork alert naming them.
    Storage::IngestBatch alerts;
    alerts.feed = u"devnet"_s;
    Core::Alert fork = Test::makeAlert(1, t, Core::Severity::Critical);
    fork.category = Core::Category::Chain;
    fork.rule = u"chain.fork"_s;
    fork.raw
        = QJsonDocument(QJsonObject { { u"height"_s, 10 },
                            { u"branches"_s,
                                QJsonArray { QJsonObject { { u"hash"_s, u"0xaaaa"_s },
                                                 { u"nodes"_s, QJsonArray { u"a"_s } } },
                                    QJsonObject { { u"hash"_s, QString(u"0x"_s + raw) },
                                        { u"nodes"_s, QJsonArray { QString(u"node "_s + raw) } } } } } })
              .toJson(QJsonDocument::Compact);
    alerts.alerts = { fork };
    QVERIFY(store.submit(alerts).ok);

    // When the view shows them ...
    ChainsView view(store.queries());
    QSignalSpy history(&view, &ChainsView::historyLoaded);
    QSignalSpy forkLoaded(&view, &ChainsView::forkLoaded);
    view.resize(1200, 900);
    view.show();
    view.refreshNow();
    QTRY_COMPARE(view.cardCount(), 2);
    QTRY_VERIFY(!history.isEmpty());
    QTRY_VERIFY(!forkLoaded.isEmpty());

    // ... the card shows the names literally, controls and overrides made visible,
    ChainNodeCard *card = cardFor(view, u"node "_s + shown);
    QVERIFY(card);
    QCOMPARE(card->chainText(), u"chain "_s + shown);
    QCOMPARE(Test::renderedRichText(card->findChild<QLabel *>(u"chainState"_s)->toolTip()),
        u"error "_s + shown);
    // the fork view its title, hashes and nodes,
    ForkView *fv = view.forkView();
    QVERIFY(fv->isVisible());
    QVERIFY2(fv->titleText().contains(u"chain "_s + shown), qPrintable(fv->titleText()));
    const auto *tree = fv->findChild<QTreeWidget *>();
    QVERIFY(tree);
    QCOMPARE(tree->topLevelItemCount(), 2);
    QCOMPARE(tree->topLevelItem(1)->text(0), u"0x"_s + shown);
    QCOMPARE(tree->topLevelItem(1)->text(1), u"node "_s + shown);
    QCOMPARE(Test::renderedRichText(tree->topLevelItem(1)->toolTip(1)), u"node "_s + shown);
    // and the chart legend (rendered as rich text by Qt Charts) the node's name.
    QStringList legend;
    for (const QChartView *chartView : view.findChildren<QChartView *>()) {
        for (const QLegendMarker *marker : chartView->chart()->legend()->markers()) {
            legend << Test::renderedRichText(marker->label());
        }
    }
    QVERIFY2(legend.contains(u"node "_s + shown), qPrintable(legend.join(u" | "_s)));
    // No label of the view interprets rich text.
    for (const QLabel *label : view.findChildren<QLabel *>()) {
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->text()));
    }
}

QTEST_MAIN(tst_ChainsView)
#include "tst_chainsview.moc"
