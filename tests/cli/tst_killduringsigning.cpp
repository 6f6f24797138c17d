// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// SIGKILL while lakeguard-cli creates its signing key or signs and writes a checkpoint (issue 9).
// Random timing would rarely land inside those few microseconds, so the CLI is run with the
// test-only pause points of storage/testhooks.h (LAKEGUARD_TEST_PAUSE_AT): it announces the
// point on stderr, sleeps there, and is killed at exactly that moment. After every kill: the
// store passes PRAGMA integrity_check and `lakeguard-cli verify`, the key file is whole (a
// private Ed25519 key, mode 0600, the same key as before) or absent when it was being created,
// nothing half-written lies beside the store, and the next run signs a checkpoint that verifies.

#include "signing.h"

#include "storeinspection.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>
#include <sys/types.h>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Lakeguard::TestSupport::inspectStore;
using Lakeguard::TestSupport::StoreState;

namespace {

constexpr int kKills = 60;
constexpr int kWaitMs = 120'000;

// Mode bits of a file (-1 when it does not exist).
int fileMode(const QString &path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        return -1;
    }
    return int(st.st_mode & 07777);
}

} // namespace

class tst_KillDuringSigning : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cli = QStringLiteral(LAKEGUARD_BIN_DIR "/lakeguard-cli");
    int m_lines = 0;

    // A file of `n` new alerts (never seen before: each ingest adds leaves to sign).
    QString newAlerts(int n)
    {
        const QString path = m_dir.filePath(u"alerts-%1.jsonl"_s.arg(m_lines));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) {
            return {};
        }
        for (int i = 0; i < n; ++i, ++m_lines) {
            f.write(u"{\"ts\":%1,\"title\":\"alert %2\",\"entity\":\"acct-%2\"}\n"_s
                        .arg(1'767'225'600'000LL + m_lines)
                        .arg(m_lines)
                        .toUtf8());
        }
        return path;
    }

    // Runs the CLI until it reaches `point`, then SIGKILLs it. False when it never got there.
    bool killAt(
        const QString &store, const QString &point, const QString &input, QByteArray *stderrText)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"LAKEGUARD_TEST_PAUSE_AT"_s, point);
        env.insert(u"LAKEGUARD_TEST_PAUSE_MS"_s, u"600000"_s);
        p.setProcessEnvironment(env);
        p.start(m_cli, { u"--store"_s, store, u"ingest"_s, u"--format"_s, u"jsonl"_s, input });
        if (!p.waitForStarted(kWaitMs)) {
            return false;
        }
        const QByteArray marker = "lakeguard-test-pause: " + point.toLatin1();
        QByteArray err;
        while (!err.contains(marker) && p.state() == QProcess::Running) {
            p.waitForReadyRead(1000);
            err += p.readAllStandardError();
        }
        const bool reached = err.contains(marker);
        if (p.state() == QProcess::Running) {
            ::kill(pid_t(p.processId()), SIGKILL);
            p.waitForFinished(kWaitMs);
        }
        *stderrText = err + p.readAllStandardError();
        return reached && p.exitStatus() == QProcess::CrashExit;
    }

    // Runs the CLI without pause points; exit code (-1 when it crashed), stderr into `err`.
    int run(const QString &store, const QStringList &args, QByteArray *err = nullptr)
    {
        QProcess p;
        p.start(m_cli, QStringList { u"--store"_s, store } + args);
        if (!p.waitForFinished(kWaitMs)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        if (err) {
            *err = p.readAllStandardError();
        }
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    // Files beside the stores other than the stores' own (a leftover temporary key, …).
    QStringList strayFiles() const
    {
        QStringList out;
        for (const QString &name :
            QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System)) {
            const bool known = name.endsWith(u".jsonl"_s) || name.endsWith(u".db"_s)
                || name.endsWith(u".db-wal"_s) || name.endsWith(u".db-shm"_s)
                || name.endsWith(u".db.signing-key.pem"_s)
                || name.endsWith(u".db.signing-pub.pem"_s);
            if (!known) {
                out << name;
            }
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(m_cli), qPrintable(m_cli));
    }

    void killsWhileSigning()
    {
        const QString store = m_dir.filePath(u"main.db"_s);
        const QString keyPath = store + u".signing-key.pem"_s;
        QCOMPARE(run(store, { u"ingest"_s, u"--format"_s, u"jsonl"_s, newAlerts(5) }), 0);
        const auto firstKey = Storage::Ed25519Key::load(keyPath);
        QVERIFY(firstKey);
        const QString keyId = firstKey->keyId();

        int killsAtKey = 0;
        int killsAtCheckpoint = 0;
        for (int i = 0; i < kKills; ++i) {
            // Every third kill lands while a new store creates its key; the others while the
            // main store signs or writes a checkpoint.
            const bool keyKill = i % 3 == 0;
            const QString point = keyKill ? u"key-write"_s
                : i % 3 == 1              ? u"checkpoint-signed"_s
                                          : u"checkpoint-written"_s;
            const QString target = keyKill ? m_dir.filePath(u"new-%1.db"_s.arg(i)) : store;
            const QString targetKey = target + u".signing-key.pem"_s;
            const StoreState before = inspectStore(target);
            const QString input = newAlerts(3);
            QByteArray err;
            QVERIFY2(killAt(target, point, input, &err),
                qPrintable(u"kill %1 at %2 did not land: %3"_s.arg(i).arg(point).arg(
                    QString::fromUtf8(err))));
            keyKill ? ++killsAtKey : ++killsAtCheckpoint;

            // The store is intact: the killed checkpoint is not there; the alerts are there
            // only if their own transaction committed before the closing checkpoint began.
            const StoreState after = inspectStore(target);
            QCOMPARE(after.integrity, u"ok"_s);
            if (!keyKill) {
                QVERIFY2(after.alerts == before.alerts || after.alerts == before.alerts + 3,
                    qPrintable(u"%1 → %2 alerts"_s.arg(before.alerts).arg(after.alerts)));
                QCOMPARE(after.checkpoints, before.checkpoints);
                QVERIFY2(run(target, { u"verify"_s }, &err) == 0, err.constData());
            }
            // The key is whole and private, or (killed while creating it) not there at all;
            // nothing half-written lies beside the stores.
            if (keyKill) {
                QCOMPARE(fileMode(targetKey), -1);
            } else {
                QCOMPARE(fileMode(keyPath), 0600);
                const auto key = Storage::Ed25519Key::load(keyPath);
                QVERIFY2(key, qPrintable(key ? QString() : key.error()));
                QVERIFY(key->hasPrivateKey());
                QCOMPARE(key->keyId(), keyId);
            }
            QCOMPARE(strayFiles(), QStringList());

            // The next run stores the alerts and signs a checkpoint that verifies.
            QVERIFY2(run(target, { u"ingest"_s, u"--format"_s, u"jsonl"_s, input }, &err) == 0,
                err.constData());
            const StoreState next = inspectStore(target);
            QCOMPARE(next.integrity, u"ok"_s);
            QVERIFY2(next.checkpoints > std::max<qint64>(before.checkpoints, 0),
                qPrintable(u"%1 → %2 checkpoints"_s.arg(before.checkpoints).arg(next.checkpoints)));
            QCOMPARE(next.alerts, std::max<qint64>(before.alerts, 0) + 3);
            QCOMPARE(fileMode(targetKey), 0600);
            QVERIFY2(run(target, { u"verify"_s }, &err) == 0, err.constData());
        }
        qInfo("%d kills while creating a key, %d while signing or writing a checkpoint", killsAtKey,
            killsAtCheckpoint);
        QVERIFY(killsAtKey + killsAtCheckpoint >= 50);
    }
};

QTEST_GUILESS_MAIN(tst_KillDuringSigning)
#include "tst_killduringsigning.moc"
