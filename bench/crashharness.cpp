// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "crashharness.h"

#include "feed.h"
#include "filetailfeed.h"
#include "schema.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTimer>

#include <algorithm>
#include <numeric>
#include <tuple>

#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;

namespace Lakeguard::Bench {

namespace {

constexpr auto kFileFeed = "tail";
constexpr auto kHookFeed = "hook";
constexpr auto kTokenEnv = "LAKEGUARD_KILLHARNESS_TOKEN";
constexpr auto kToken = "kill-harness-token";
constexpr int kTickMs = 10;
constexpr int kHookConcurrency = 4;
constexpr int kMaxProblems = 20;

struct Line
{
    qint64 end = 0; // file offset just after the line's newline
    QString id;
};

// What one read-only look at the store found.
struct StoreView
{
    bool exists = false;
    bool opened = false;
    QHash<QString, int> counts; // title → rows
    qint64 rows = 0;
    std::optional<qint64> fileCursor; // committed offset of the file feed
    int schemaVersion = 0; // meta.schema_version; 0 before the first migration committed
    QString integrity;
};

class Runner
{
public:
    explicit Runner(const CrashHarnessOptions &o)
        : m_o(o)
        , m_rng(o.seed)
        , m_dir(o.workDir)
        , m_store(m_dir.filePath(u"store.db"_s))
        , m_logPath(m_dir.filePath(u"alerts.jsonl"_s))
    { }

    CrashHarnessFigures run();

private:
    void log(const QString &line)
    {
        if (m_o.log) {
            m_o.log(line);
        }
    }
    void problem(const QString &what)
    {
        log(u"PROBLEM: "_s + what);
        if (m_f.problems.size() < kMaxProblems) {
            m_f.problems << what;
        }
    }

    bool writeConfig();
    bool startServe(QProcess &p, const QStringList &extra);
    void appendLines();
    void topUpWebhook();
    void sendOne();
    void settleReplies(int maxMs);
    // A full read-only look (all titles, cursor, integrity_check), or only the file cursor.
    StoreView readStore(bool cursorOnly = false) const;
    bool checkAfterKill(int cycle);
    bool checkFinal();
    int runVerify();

    CrashHarnessOptions m_o;
    QRandomGenerator m_rng;
    QDir m_dir;
    QString m_store;
    QString m_logPath;
    CrashHarnessFigures m_f;
    quint16 m_port = 0;

    // File feed
    QFile m_logFile;
    QList<Line> m_lines;
    QByteArray m_partial; // the rest of a line written only in part
    QString m_partialId;
    qint64 m_fileSize = 0;
    qint64 m_nextFileId = 0;

    // Webhook feed
    QNetworkAccessManager *m_nam = nullptr;
    QSet<QNetworkReply *> m_inFlight;
    QSet<QString> m_hookSent;
    QSet<QString> m_hookAcked;
    qint64 m_nextHookId = 0;
    // Requests not answered 2xx are sent again with the same alerts, as Alertmanager retries:
    // one that was stored but not acknowledged before the kill must not be stored twice.
    QList<std::pair<QByteArray, QStringList>> m_retry;
    qint64 m_retries = 0;
    bool m_acceptReplies = true; // false after SIGKILL until the next start
    bool m_firstAck = false;
};

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QByteArray alertLine(const QString &id, QRandomGenerator &rng)
{
    static const char *const severities[] = { "info", "low", "medium", "high", "critical" };
    const QJsonObject o { { u"ts"_s, isoNow() }, { u"title"_s, id },
        { u"severity"_s, QString::fromLatin1(severities[rng.bounded(5)]) },
        { u"category"_s, u"fraud"_s }, { u"entity"_s, u"acct-%1"_s.arg(rng.bounded(1000)) },
        { u"message"_s, u"kill harness alert %1"_s.arg(id) } };
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

bool Runner::writeConfig()
{
    QJsonArray feeds;
    feeds.append(
        QJsonObject { { u"id"_s, QString::fromLatin1(kFileFeed) }, { u"type"_s, u"file"_s },
            { u"path"_s, m_logPath }, { u"format"_s, u"jsonl"_s }, { u"poll_ms"_s, 50 } });
    if (m_f.webhookUsed) {
        feeds.append(
            QJsonObject { { u"id"_s, QString::fromLatin1(kHookFeed) }, { u"type"_s, u"webhook"_s },
                { u"listen"_s, u"127.0.0.1:%1"_s.arg(m_port) }, { u"path"_s, u"/hook"_s },
                { u"format"_s, u"jsonl"_s }, { u"token_env"_s, QString::fromLatin1(kTokenEnv) } });
    }
    QFile f(m_dir.filePath(u"FEEDS.json"_s));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return false;
    }
    f.write(QJsonDocument(QJsonObject { { u"feeds"_s, feeds } }).toJson());
    return true;
}

bool Runner::startServe(QProcess &p, const QStringList &extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kTokenEnv), QString::fromLatin1(kToken));
    env.insert(u"QT_LOGGING_RULES"_s, u"*.debug=false;lakeguard.*.info=false"_s);
    p.setProcessEnvironment(env);
    p.setStandardOutputFile(QProcess::nullDevice());
    p.setStandardErrorFile(m_dir.filePath(u"serve.log"_s), QIODevice::Append);
    p.start(m_o.cli,
        QStringList {
            u"--store"_s, m_store, u"serve"_s, u"--config"_s, m_dir.filePath(u"FEEDS.json"_s) }
            + extra);
    return p.waitForStarted(10'000);
}

// A burst of 1–8 lines; now and then the last one only in part (the feed must wait for its
// newline), finished by the next burst.
void Runner::appendLines()
{
    QByteArray out = m_partial;
    if (!m_partial.isEmpty()) {
        m_fileSize += m_partial.size();
        m_lines.append({ m_fileSize, m_partialId });
        m_partial.clear();
    }
    const int n = 1 + m_rng.bounded(8);
    for (int i = 0; i < n; ++i) {
        const QString id = u"kh-f-%1"_s.arg(m_nextFileId++, 7, 10, QChar(u'0'));
        const QByteArray line = alertLine(id, m_rng);
        if (i == n - 1 && m_rng.bounded(10) == 0) {
            const int cut = 1 + m_rng.bounded(int(line.size()) - 1);
            out += line.left(cut);
            m_fileSize += cut;
            m_partial = line.mid(cut);
            m_partialId = id;
            break;
        }
        out += line;
        m_fileSize += line.size();
        m_lines.append({ m_fileSize, id });
    }
    m_logFile.write(out);
    m_logFile.flush();
}

void Runner::sendOne()
{
    QByteArray body;
    QStringList ids;
    if (!m_retry.isEmpty()) {
        std::tie(body, ids) = m_retry.takeFirst();
        ++m_retries;
    } else {
        const int n = 1 + m_rng.bounded(3);
        for (int i = 0; i < n; ++i) {
            const QString id = u"kh-w-%1"_s.arg(m_nextHookId++, 7, 10, QChar(u'0'));
            body += alertLine(id, m_rng);
            ids << id;
            m_hookSent.insert(id);
        }
    }
    QNetworkRequest req(QUrl(u"http://127.0.0.1:%1/hook"_s.arg(m_port)));
    req.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-ndjson"_s);
    req.setRawHeader("Authorization", QByteArray("Bearer ") + kToken);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setTransferTimeout(15'000);
    QNetworkReply *reply = m_nam->post(req, body);
    m_inFlight.insert(reply);
    QObject::connect(reply, &QNetworkReply::finished, m_nam, [this, reply, ids, body] {
        m_inFlight.remove(reply);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (m_acceptReplies && reply->error() == QNetworkReply::NoError && status >= 200
            && status < 300) {
            for (const QString &id : ids) {
                m_hookAcked.insert(id);
            }
            m_firstAck = true;
        } else {
            m_retry.append({ body, ids });
        }
        reply->deleteLater();
    });
}

void Runner::topUpWebhook()
{
    if (!m_f.webhookUsed) {
        return;
    }
    while (m_inFlight.size() < kHookConcurrency) {
        sendOne();
    }
}

// After a kill: let answers already in the socket buffers arrive (a 2xx read now was sent before
// the kill, so it counts), then abandon the rest as unacknowledged.
void Runner::settleReplies(int maxMs)
{
    QElapsedTimer t;
    t.start();
    while (!m_inFlight.isEmpty() && t.elapsed() < maxMs) {
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    m_acceptReplies = false;
    const QSet<QNetworkReply *> rest = m_inFlight;
    for (QNetworkReply *r : rest) {
        r->abort();
    }
    m_inFlight.clear();
    // Fresh connections for the next server: the old ones point at a dead process.
    m_nam->clearConnectionCache();
}

StoreView Runner::readStore(bool cursorOnly) const
{
    StoreView v;
    v.exists = QFile::exists(m_store);
    if (!v.exists) {
        return v;
    }
    static int s_connection = 0;
    const QString name = u"killharness-%1"_s.arg(++s_connection);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(m_store);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (db.open()) {
            QSqlQuery q(db);
            // A store killed before its schema was created has no tables yet: that is fine.
            const bool hasAlerts
                = q.exec(u"SELECT 1 FROM sqlite_master WHERE name = 'alerts'"_s) && q.next();
            v.opened = true;
            if (hasAlerts && q.exec(u"SELECT value FROM meta WHERE key = 'schema_version'"_s)
                && q.next()) {
                v.schemaVersion = q.value(0).toInt();
            }
            if (hasAlerts && !cursorOnly
                && q.exec(u"SELECT title, COUNT(*) FROM alerts GROUP BY title"_s)) {
                while (q.next()) {
                    const int n = q.value(1).toInt();
                    v.counts.insert(q.value(0).toString(), n);
                    v.rows += n;
                }
            }
            q.prepare(u"SELECT cursor FROM feeds WHERE id = ?"_s);
            q.addBindValue(QString::fromLatin1(kFileFeed));
            if (hasAlerts && q.exec() && q.next() && !q.value(0).isNull()) {
                if (const auto c = Feeds::FileCursor::fromBytes(q.value(0).toByteArray())) {
                    v.fileCursor = c->offset;
                }
            }
            if (!cursorOnly && q.exec(u"PRAGMA integrity_check"_s)) {
                QStringList lines;
                while (q.next()) {
                    lines << q.value(0).toString();
                }
                v.integrity = lines.join(u"; "_s);
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return v;
}

int Runner::runVerify()
{
    QProcess p;
    p.start(m_o.cli, { u"--store"_s, m_store, u"verify"_s });
    if (!p.waitForFinished(300'000) || p.exitStatus() != QProcess::NormalExit) {
        return -1;
    }
    if (p.exitCode() != 0) {
        problem(u"verify: "_s + QString::fromUtf8(p.readAllStandardError()).trimmed());
    }
    return p.exitCode();
}

bool Runner::checkAfterKill(int cycle)
{
    const StoreView v = readStore();
    if (!v.exists) {
        // Killed before the store was created: nothing may have been acknowledged.
        if (!m_hookAcked.isEmpty()) {
            m_f.lostAcked += m_hookAcked.size();
            problem(u"kill %1: no store, but %2 alerts acknowledged"_s.arg(cycle).arg(
                m_hookAcked.size()));
        }
        return true;
    }
    if (!v.opened) {
        ++m_f.integrityFailures;
        problem(u"kill %1: the store does not open read-only"_s.arg(cycle));
        return false;
    }
    if (v.integrity != u"ok"_s) {
        ++m_f.integrityFailures;
        problem(u"kill %1: integrity_check: %2"_s.arg(cycle).arg(v.integrity.left(200)));
    }
    for (auto it = v.counts.cbegin(); it != v.counts.cend(); ++it) {
        if (it.value() > 1) {
            m_f.duplicates += it.value() - 1;
            problem(u"kill %1: %2 stored %3 times"_s.arg(cycle).arg(it.key()).arg(it.value()));
        }
    }
    const qint64 cursor = v.fileCursor.value_or(0);
    const QSet<QString> written = [&] {
        QSet<QString> s;
        for (const Line &l : std::as_const(m_lines)) {
            s.insert(l.id);
        }
        if (!m_partialId.isEmpty()) {
            s.insert(m_partialId);
        }
        return s;
    }();
    for (const Line &l : std::as_const(m_lines)) {
        const bool present = v.counts.contains(l.id);
        if (l.end <= cursor && !present) {
            ++m_f.lostFile;
            problem(u"kill %1: %2 is before the committed cursor %3 but not stored"_s.arg(cycle)
                        .arg(l.id)
                        .arg(cursor));
        } else if (l.end > cursor && present) {
            ++m_f.beyondCursor;
            problem(u"kill %1: %2 is stored but after the committed cursor %3"_s.arg(cycle)
                        .arg(l.id)
                        .arg(cursor));
        }
    }
    for (const QString &id : std::as_const(m_hookAcked)) {
        if (!v.counts.contains(id)) {
            ++m_f.lostAcked;
            problem(u"kill %1: acknowledged %2 is not stored"_s.arg(cycle).arg(id));
        }
    }
    for (auto it = v.counts.cbegin(); it != v.counts.cend(); ++it) {
        if (!written.contains(it.key()) && !m_hookSent.contains(it.key())) {
            ++m_f.unknown;
            problem(u"kill %1: stored %2 was never sent"_s.arg(cycle).arg(it.key()));
        }
    }
    if (v.schemaVersion < Storage::sqliteSchemaVersion()) {
        // Killed while serve created or migrated the store: each migration is one transaction,
        // the next serve carries on, and nothing can have been acknowledged before the last one
        // (checked above). `verify` opens read-only and rightly refuses such a store.
        ++m_f.killsBeforeSchema;
        return true;
    }
    if (runVerify() != 0) {
        ++m_f.verifyFailures;
    }
    return true;
}

bool Runner::checkFinal()
{
    const StoreView v = readStore();
    m_f.stored = v.rows;
    if (v.integrity != u"ok"_s) {
        ++m_f.integrityFailures;
        problem(u"final: integrity_check: %1"_s.arg(v.integrity.left(200)));
    }
    for (auto it = v.counts.cbegin(); it != v.counts.cend(); ++it) {
        if (it.value() > 1) {
            m_f.duplicates += it.value() - 1;
            problem(u"final: %1 stored %2 times"_s.arg(it.key()).arg(it.value()));
        }
        if (!m_hookSent.contains(it.key()) && !it.key().startsWith(u"kh-f-"_s)) {
            ++m_f.unknown;
        }
    }
    for (const Line &l : std::as_const(m_lines)) {
        if (!v.counts.contains(l.id)) {
            ++m_f.finalMissing;
            problem(u"final: file line %1 is not stored"_s.arg(l.id));
        }
    }
    for (const QString &id : std::as_const(m_hookAcked)) {
        if (!v.counts.contains(id)) {
            ++m_f.finalMissing;
            problem(u"final: acknowledged %1 is not stored"_s.arg(id));
        }
    }
    if (v.fileCursor.value_or(-1) != m_fileSize) {
        problem(
            u"final: the file cursor is %1, the file has %2 bytes"_s.arg(v.fileCursor.value_or(-1))
                .arg(m_fileSize));
    }
    if (v.schemaVersion < Storage::sqliteSchemaVersion()) {
        // Killed while serve created or migrated the store: each migration is one transaction,
        // the next serve carries on, and nothing can have been acknowledged before the last one
        // (checked above). `verify` opens read-only and rightly refuses such a store.
        ++m_f.killsBeforeSchema;
        return true;
    }
    if (runVerify() != 0) {
        ++m_f.verifyFailures;
    }
    return true;
}

CrashHarnessFigures Runner::run()
{
    QElapsedTimer total;
    total.start();
    m_f.webhookUsed = m_o.webhook && Feeds::runnableFeedTypes().contains(u"webhook"_s);
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            problem(u"no free port"_s);
            return m_f;
        }
        m_port = probe.serverPort();
    }
    if (!writeConfig()) {
        problem(u"cannot write FEEDS.json"_s);
        return m_f;
    }
    m_logFile.setFileName(m_logPath);
    if (!m_logFile.open(QIODevice::WriteOnly | QIODevice::Append)) {
        problem(u"cannot write %1"_s.arg(m_logPath));
        return m_f;
    }
    QNetworkAccessManager nam;
    m_nam = &nam;
    log(u"kill harness: %1 kills, run %2–%3 ms, feeds: file%4, seed %5"_s.arg(m_o.kills)
            .arg(m_o.minRunMs)
            .arg(m_o.maxRunMs)
            .arg(m_f.webhookUsed ? u" + webhook"_s : u" (no webhook in this build)"_s)
            .arg(m_o.seed));

    for (int cycle = 1; cycle <= m_o.kills; ++cycle) {
        // Where the store stood before this start: the first commit after it moves the cursor.
        const StoreView before = readStore(true);
        const std::optional<qint64> cursorBefore = before.fileCursor;
        const int runMs = m_o.minRunMs + m_rng.bounded(m_o.maxRunMs - m_o.minRunMs + 1);
        m_acceptReplies = true;
        m_firstAck = false;
        QProcess serve;
        QElapsedTimer since;
        since.start();
        if (!startServe(serve, {})) {
            problem(u"cannot start %1: %2"_s.arg(m_o.cli, serve.errorString()));
            break;
        }
        qint64 readyMs = -1;
        QElapsedTimer lastPoll;
        lastPoll.start();
        QEventLoop loop;
        QTimer tick;
        tick.setInterval(kTickMs);
        QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
            appendLines();
            topUpWebhook();
            if (readyMs < 0 && m_firstAck) {
                readyMs = since.elapsed();
            }
            if (readyMs < 0 && lastPoll.elapsed() >= 25) {
                lastPoll.restart();
                const StoreView now = readStore(true);
                if (now.fileCursor && now.fileCursor != cursorBefore) {
                    readyMs = since.elapsed();
                }
            }
            if (since.elapsed() >= runMs) {
                loop.quit();
            }
            if (serve.state() == QProcess::NotRunning) {
                loop.quit();
            }
        });
        tick.start();
        loop.exec();
        tick.stop();
        if (serve.state() == QProcess::NotRunning) {
            ++m_f.serveFailures;
            problem(u"kill %1: serve exited by itself (status %2); see serve.log"_s.arg(cycle).arg(
                serve.exitCode()));
        } else {
            ::kill(static_cast<pid_t>(serve.processId()), SIGKILL);
            serve.waitForFinished(30'000);
        }
        ++m_f.kills;
        settleReplies(300);
        if (readyMs >= 0) {
            m_f.restartMs << readyMs;
        }
        QElapsedTimer check;
        check.start();
        checkAfterKill(cycle);
        m_f.checkMs << check.elapsed();
        if (m_o.log && (cycle % 10 == 0 || cycle == m_o.kills)) {
            log(u"kill %1/%2: ran %3 ms, ready after %4 ms; %5 file lines, %6/%7 webhook alerts "
                "acknowledged; problems so far: %8"_s.arg(cycle)
                    .arg(m_o.kills)
                    .arg(runMs)
                    .arg(readyMs)
                    .arg(m_lines.size())
                    .arg(m_hookAcked.size())
                    .arg(m_hookSent.size())
                    .arg(m_f.problems.size()));
        }
    }

    // Finish the last line, then one clean run that must store everything written.
    if (!m_partial.isEmpty()) {
        m_logFile.write(m_partial);
        m_logFile.flush();
        m_fileSize += m_partial.size();
        m_lines.append({ m_fileSize, m_partialId });
        m_partial.clear();
        m_partialId.clear();
    }
    m_acceptReplies = true;
    QProcess last;
    if (startServe(last, { u"--for"_s, QString::number(m_o.finalRunS) })) {
        // Send a few more webhook requests while it runs, and wait for their answers.
        QEventLoop loop;
        QTimer tick;
        QElapsedTimer since;
        since.start();
        tick.setInterval(50);
        QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
            if (since.elapsed() < (m_o.finalRunS * 1000) / 2) {
                topUpWebhook();
            } else if (m_inFlight.isEmpty()) {
                loop.quit();
            }
        });
        tick.start();
        loop.exec();
        if (!last.waitForFinished(m_o.finalRunS * 1000 + 120'000)
            || last.exitStatus() != QProcess::NormalExit || last.exitCode() != 0) {
            ++m_f.serveFailures;
            problem(u"final serve failed (status %1); see serve.log"_s.arg(last.exitCode()));
        }
    } else {
        ++m_f.serveFailures;
        problem(u"cannot start the final serve"_s);
    }
    settleReplies(1000);
    checkFinal();
    m_f.fileLines = m_lines.size();
    m_f.webhookSent = m_hookSent.size();
    m_f.webhookAcked = m_hookAcked.size();
    m_f.webhookRetries = m_retries;
    m_f.totalMs = total.elapsed();
    return m_f;
}

QString msFigures(QList<qint64> ms)
{
    if (ms.isEmpty()) {
        return u"n/a"_s;
    }
    std::sort(ms.begin(), ms.end());
    const double mean = std::accumulate(ms.cbegin(), ms.cend(), 0.0) / double(ms.size());
    return u"median %1 ms, mean %2 ms, p90 %3 ms, max %4 ms (n=%5)"_s.arg(ms.at(ms.size() / 2))
        .arg(mean, 0, 'f', 0)
        .arg(ms.at((ms.size() * 9) / 10))
        .arg(ms.last())
        .arg(ms.size());
}

} // namespace

CrashHarnessFigures runCrashHarness(const CrashHarnessOptions &options)
{
    Runner runner(options);
    return runner.run();
}

QStringList formatFigures(const CrashHarnessFigures &f)
{
    return {
        u"kills (SIGKILL): %1"_s.arg(f.kills),
        u"feeds: file%1"_s.arg(
            f.webhookUsed ? u" + webhook"_s : u" only (no webhook in this build)"_s),
        u"file lines written: %1"_s.arg(f.fileLines),
        u"webhook alerts sent: %1, acknowledged (2xx): %2; requests retried: %3"_s
            .arg(f.webhookSent)
            .arg(f.webhookAcked)
            .arg(f.webhookRetries),
        u"alerts stored after the final run: %1"_s.arg(f.stored),
        u"duplicates: %1 (must be 0)"_s.arg(f.duplicates),
        u"acknowledged webhook alerts lost: %1 (must be 0)"_s.arg(f.lostAcked),
        u"file lines before the committed cursor lost: %1 (must be 0)"_s.arg(f.lostFile),
        u"file lines stored beyond the committed cursor: %1 (must be 0)"_s.arg(f.beyondCursor),
        u"stored alerts never sent: %1 (must be 0)"_s.arg(f.unknown),
        u"integrity_check failures: %1 (must be 0)"_s.arg(f.integrityFailures),
        u"verify failures: %1 (must be 0)"_s.arg(f.verifyFailures),
        u"kills before the store's schema was complete (verify skipped): %1"_s.arg(
            f.killsBeforeSchema),
        u"missing after the clean final run: %1 (must be 0)"_s.arg(f.finalMissing),
        u"serve failures: %1 (must be 0)"_s.arg(f.serveFailures),
        u"restart (process start to first commit of new data): %1"_s.arg(msFigures(f.restartMs)),
        u"check per kill (read-only scan + integrity_check + verify): %1"_s.arg(
            msFigures(f.checkMs)),
        u"total: %1 s"_s.arg(double(f.totalMs) / 1000.0, 0, 'f', 1),
        u"result: %1"_s.arg(f.ok() ? u"OK"_s : u"FAILED"_s),
    };
}

} // namespace Lakeguard::Bench
