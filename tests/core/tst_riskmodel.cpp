// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "riskmodel.h"

#include <QTest>

#include <cmath>

using namespace Lakeguard::Core;

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
};

QTEST_GUILESS_MAIN(tst_RiskModel)
#include "tst_riskmodel.moc"
