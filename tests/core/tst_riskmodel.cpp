// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "riskmodel.h"

#include <QTest>

#include <cmath>

using namespace Lakeguard::Core;
using namespace Qt::StringLiterals;

class tst_RiskModel : public QObject
{
    Q_OBJECT

private slots:
    void weightsIncreaseWithSeverity()
    {
        double previous = -1;
        for (int i = 0; i < kSeverityCount; ++i) {
            const double w = RiskModel::severityWeight(static_cast<Severity>(i));
            QVERIFY(w > previous);
            previous = w;
        }
        QCOMPARE(RiskModel::severityWeight(Severity::Info), 0.0);
    }

    // One bucket's weight halves after one half-life (pinned formula, docs/risk-model.md).
    void halfLife()
    {
        RiskModel m;
        const qint64 hour = 3600 * 1000;
        const QList<RiskModel::Bucket> b{{0, 100.0}};
        const double atMiddle = m.decayedSum(b, hour, hour / 2);
        const double later = m.decayedSum(b, hour, hour / 2 + m.halfLifeMs);
        QCOMPARE(atMiddle, 100.0);
        QVERIFY(std::abs(later - 50.0) < 1e-9);
        QCOMPARE(m.decayedSum(b, hour, -1), 0.0); // future buckets ignored
    }

    void scoreIsBoundedAndMonotonic()
    {
        RiskModel m;
        QCOMPARE(m.scoreFromSum(0), 0.0);
        QVERIFY(std::abs(m.scoreFromSum(m.scale) - 100.0 * (1.0 - std::exp(-1.0))) < 1e-9);
        QVERIFY(m.scoreFromSum(1e9) <= 100.0);
        QVERIFY(m.scoreFromSum(10) < m.scoreFromSum(20));
    }

    // ---- version 2 (docs/risk-model.md): pinned numbers ----
    void assetCriticality()
    {
        RiskModel m;
        m.setAssets({{u"*.pci.bank.example"_s, 3.0}, {u"acct ????"_s, 0.5}, {u"*"_s, 1.5}});
        QCOMPARE(m.criticality(u"pay-gw-01.PCI.bank.example"_s), 3.0); // case-insensitive
        QCOMPARE(m.criticality(u"acct 1234"_s), 0.5);
        QCOMPARE(m.criticality(u"acct 12345"_s), 1.5);                 // ? is one character
        QCOMPARE(m.alertWeight(Severity::Critical, u"x.pci.bank.example"_s), 60.0);
        QCOMPARE(m.alertWeight(Severity::Info, u"x.pci.bank.example"_s), 0.0);
        m.setAssets({});
        QCOMPARE(m.criticality(u"anything"_s), 1.0);
    }

    void incrementalSum()
    {
        RiskModel m;
        const qint64 h = m.halfLifeMs;
        TimestampMs ref = 0;
        double s = m.accumulate(0, &ref, 20.0, 1000);  // critical at t=1000
        QCOMPARE(ref, 1000);
        s = m.accumulate(s, &ref, 8.0, 1000 + h);      // high one half-life later
        QCOMPARE(ref, 1000 + h);
        QCOMPARE(s, 20.0 / 2 + 8.0);                    // 18 at the later time
        s = m.accumulate(s, &ref, 4.0, 1000);          // late arrival: decayed to ref
        QCOMPARE(ref, 1000 + h);
        QCOMPARE(s, 20.0);
        QCOMPARE(m.decay(s, ref, ref + 2 * h), 5.0);
        QCOMPARE(m.decay(s, ref, ref - h), 20.0);      // never grows backwards
    }

    void rankOrdersByCurrentValue()
    {
        RiskModel m;
        const qint64 h = m.halfLifeMs;
        // 40 seen two half-lives ago (10 now) ranks below 12 seen now, at any later time.
        QVERIFY(m.rank(40, 0) < m.rank(12, 2 * h));
        QVERIFY(m.rank(40, 0) > m.rank(9, 2 * h));
        QCOMPARE(m.rank(0, 5), RiskModel::kNoRank);
        QVERIFY(std::abs(m.rank(8, h) - 4.0) < 1e-12); // log2(8) + 1
    }

    void incidentScore()
    {
        RiskModel m;
        QCOMPARE(m.incidentScore(0), 0.0);
        QVERIFY(std::abs(m.incidentScore(100) - 100.0 * (1.0 - std::exp(-1.0))) < 1e-9);
        QVERIFY(std::abs(m.incidentScore(20) - 18.126924692201818) < 1e-9);
    }
};

QTEST_GUILESS_MAIN(tst_RiskModel)
#include "tst_riskmodel.moc"
