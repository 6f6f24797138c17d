// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "chainnodecard.h"
#include "chainsview.h"
#include "widgettestsupport.h"

#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Widgets::ChainNodeCard;
using Widgets::ChainsView;

class tst_ChainsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyStore();
    void cardPerNode();
    void refreshesOnChange();

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

QTEST_MAIN(tst_ChainsView)
#include "tst_chainsview.moc"
