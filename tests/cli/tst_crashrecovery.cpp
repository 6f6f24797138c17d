// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// A few SIGKILLs of `lakeguard-cli serve` while it ingests: the kill harness's logic
// (bench/crashharness.h) at CI size. bench/kill_harness runs it 100+ times and prints figures.
#include "crashharness.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_CrashRecovery : public QObject
{
    Q_OBJECT

private slots:
    void killsLoseNothingAcknowledged();
    void killsBeforeServeIsReady();
};

void tst_CrashRecovery::killsLoseNothingAcknowledged()
{
    // Given a file feed (and a webhook feed when this build runs one) fed continuously,
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Lakeguard::Bench::CrashHarnessOptions o;
    o.cli = QStringLiteral(LAKEGUARD_BIN_DIR "/lakeguard-cli");
    o.workDir = dir.path();
    o.kills = 5;
    o.minRunMs = 300;
    o.maxRunMs = 1500;
    o.finalRunS = 3;
    o.seed = 4;
    o.log = [](const QString &line) { qInfo().noquote() << line; };

    // when serve is SIGKILLed five times and then runs to a clean end,
    const auto f = Lakeguard::Bench::runCrashHarness(o);
    for (const QString &line : Lakeguard::Bench::formatFigures(f)) {
        qInfo().noquote() << line;
    }

    // then every check after every kill passed and the final store holds everything written.
    QCOMPARE(f.kills, 5);
    QVERIFY2(f.problems.isEmpty(), qPrintable(f.problems.join(u"\n"_s)));
    QCOMPARE(f.duplicates, 0);
    QCOMPARE(f.lostAcked, 0);
    QCOMPARE(f.lostFile, 0);
    QCOMPARE(f.beyondCursor, 0);
    QCOMPARE(f.unknown, 0);
    QCOMPARE(f.integrityFailures, 0);
    QCOMPARE(f.verifyFailures, 0);
    QCOMPARE(f.finalMissing, 0);
    QCOMPARE(f.serveFailures, 0);
    // The experiment really ingested something, and (with a webhook) acknowledged something.
    QVERIFY(f.fileLines > 0);
    QVERIFY(f.stored >= f.fileLines + f.webhookAcked);
    if (f.webhookUsed) {
        QVERIFY(f.webhookAcked > 0);
    }
    QVERIFY(f.ok());
}

void tst_CrashRecovery::killsBeforeServeIsReady()
{
    // Given serve killed within its first 250 ms: before its first commit, and under ASan (ready
    // after ~800 ms) often while it creates and migrates the fresh store. In a release build the
    // migrations take a few milliseconds and a kill rarely lands inside them.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Lakeguard::Bench::CrashHarnessOptions o;
    o.cli = QStringLiteral(LAKEGUARD_BIN_DIR "/lakeguard-cli");
    o.workDir = dir.path();
    o.kills = 8;
    o.minRunMs = 1;
    o.maxRunMs = 250;
    o.finalRunS = 3;
    o.seed = 11;
    o.log = [](const QString &line) { qInfo().noquote() << line; };

    // when serve is killed that early eight times and then runs to a clean end,
    const auto f = Lakeguard::Bench::runCrashHarness(o);
    for (const QString &line : Lakeguard::Bench::formatFigures(f)) {
        qInfo().noquote() << line;
    }

    // then a half-made store is neither a problem nor verified read-only (verify rightly refuses
    // to migrate), the next serve finishes its migrations, and nothing written is lost.
    QCOMPARE(f.kills, 8);
    QVERIFY2(f.problems.isEmpty(), qPrintable(f.problems.join(u"\n"_s)));
    QCOMPARE(f.verifyFailures, 0);
    QCOMPARE(f.integrityFailures, 0);
    QCOMPARE(f.finalMissing, 0);
    QVERIFY(f.fileLines > 0);
    QVERIFY(f.stored >= f.fileLines + f.webhookAcked);
    QVERIFY(f.ok());
}

QTEST_GUILESS_MAIN(tst_CrashRecovery)
#include "tst_crashrecovery.moc"
