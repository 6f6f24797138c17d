// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
// SIGKILL while lakeguard-cli migrates an old store (issue 9). Each migration is one
// transaction: after any kill the store is intact (integrity_check), at some schema version
// between the old and the current one, and holds every alert; the run that finishes leaves a
// current store that verifies.

#include "schema.h"
#include "storeinspection.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;
using namespace Lakeguard;
using Lakeguard::TestSupport::inspectStore;
using Lakeguard::TestSupport::StoreState;

namespace {

constexpr int kAlerts = 20000;
constexpr qint64 kBase = 1'767'225'600'000LL;

} // namespace

class tst_KillDuringMigration : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cli = QStringLiteral(LAKEGUARD_BIN_DIR "/lakeguard-cli");

    // A version 1 store as the first release wrote it, with kAlerts alerts.
    bool writeV1Store(const QString &path)
    {
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v1"_s);
            db.setDatabaseName(path);
            ok = db.open();
            QSqlQuery q(db);
            for (const QString &st : Storage::sqliteMigrations().first().statements) {
                ok = ok && q.exec(st);
            }
            ok = ok && q.exec(u"INSERT INTO meta VALUES ('schema_version', '1')"_s);
            ok = ok && db.transaction();
            q.prepare(u"INSERT INTO alerts (ts, received, feed, source, severity, category,"
                      " rule, title, message, entity, src_ip, fingerprint, raw)"
                      " VALUES (?, ?, 'old', 'eve', 2, 'intrusion', 'eve:1', ?, 'm', 'h',"
                      " '10.0.0.1', ?, '{}')"_s);
            for (int i = 0; ok && i < kAlerts; ++i) {
                q.addBindValue(kBase + i);
                q.addBindValue(kBase + i);
                q.addBindValue(u"old %1"_s.arg(i));
                q.addBindValue(QByteArray::number(i));
                ok = q.exec();
            }
            ok = ok && db.commit();
            if (!ok) {
                qWarning() << q.lastError().text() << db.lastError().text();
            }
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"v1"_s);
        return ok;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(m_cli), qPrintable(m_cli));
    }

    void killsLeaveAConsistentStore()
    {
        const QString store = m_dir.filePath(u"old.db"_s);
        QVERIFY(writeV1Store(store));
        const QString empty = m_dir.filePath(u"empty.jsonl"_s);
        QVERIFY(QFile(empty).open(QIODevice::WriteOnly));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"LAKEGUARD_STORE"_s, store);

        // Kill after 0, 20, 40, … ms until a run completes by itself; every kill is checked.
        int killed = 0;
        int killedMidway = 0; // the store had moved past version 1 but not to the end
        bool finished = false;
        for (int delayMs = 0; !finished && delayMs < 60'000; delayMs += 20) {
            QProcess p;
            p.setProcessEnvironment(env);
            // `ingest` of an empty file opens the store read-write, which migrates it.
            p.start(m_cli, { u"ingest"_s, u"--format"_s, u"jsonl"_s, empty });
            QVERIFY(p.waitForStarted(10000));
            if (!p.waitForFinished(delayMs)) {
                ::kill(pid_t(p.processId()), SIGKILL);
                QVERIFY(p.waitForFinished(10000));
            }
            if (p.exitStatus() == QProcess::NormalExit) {
                QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
                finished = true;
            } else {
                ++killed;
            }
            const StoreState s = inspectStore(store);
            QVERIFY2(s.integrity == u"ok"_s, qPrintable(s.integrity + u' ' + s.error));
            QVERIFY2(s.version >= 1 && s.version <= Storage::sqliteSchemaVersion(),
                qPrintable(QString::number(s.version)));
            QCOMPARE(s.alerts, qint64(kAlerts));
            if (!finished && s.version > 1 && s.version < Storage::sqliteSchemaVersion()) {
                ++killedMidway;
            }
        }
        QVERIFY(finished);
        QVERIFY2(killed > 0, "no kill landed before the migration finished");
        qInfo(
            "%d kills before the migration completed (%d between versions)", killed, killedMidway);
        QCOMPARE(inspectStore(store).version, Storage::sqliteSchemaVersion());

        QProcess verify;
        verify.setProcessEnvironment(env);
        verify.start(m_cli, { u"verify"_s });
        QVERIFY(verify.waitForFinished(120000));
        QVERIFY2(verify.exitStatus() == QProcess::NormalExit && verify.exitCode() == 0,
            verify.readAllStandardError().constData());
    }
};

QTEST_GUILESS_MAIN(tst_KillDuringMigration)
#include "tst_killduringmigration.moc"
