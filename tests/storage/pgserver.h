// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A real PostgreSQL server for tests and benchmarks: initdb in a temporary folder, listening on
// 127.0.0.1 on a free port (and a socket in that folder only), password authentication for the
// role `lakeguard`, always stopped by the destructor (even when a test fails). As root (CI), the
// server runs as the `postgres` system user (PostgreSQL refuses root) through runuser, in a folder
// that user owns. PGPASSWORD is set in this process so QPSQL and child processes authenticate.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStringList>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <pwd.h>
#include <sys/types.h>
#include <unistd.h>

namespace PgTest {

inline QString binDir()
{
    for (const char *v : { "15", "16", "17", "14", "13" }) {
        const QString dir = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(QLatin1StringView(v));
        if (QFileInfo(dir + QStringLiteral("/initdb")).isExecutable()
            && QFileInfo(dir + QStringLiteral("/pg_ctl")).isExecutable()
            && QFileInfo(dir + QStringLiteral("/postgres")).isExecutable()) {
            return dir;
        }
    }
    return {};
}

inline bool available()
{
    return !binDir().isEmpty();
}

inline QString unavailableReason()
{
    return QStringLiteral("PostgreSQL server binaries (initdb, pg_ctl; Debian package "
                          "postgresql) are not installed: scripts/bootstrap.sh test installs them");
}

inline quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

class Server
{
public:
    static constexpr const char *kUser = "lakeguard";
    static constexpr const char *kPassword = "lakeguard-test-password";

    Server() = default;
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;
    ~Server() { stop(); }

    // Returns false (with error()) when the server did not come up.
    bool start(bool durable = false)
    {
        if (!available()) {
            m_error = unavailableReason();
            return false;
        }
        m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/lg-pg-XXXXXX"));
        if (!m_dir->isValid()) {
            m_error = QStringLiteral("no temporary folder");
            return false;
        }
        m_root = ::geteuid() == 0;
        const QString pwFile = m_dir->filePath(QStringLiteral("pw"));
        {
            QFile f(pwFile);
            if (!f.open(QIODevice::WriteOnly)) {
                m_error = QStringLiteral("cannot write %1").arg(pwFile);
                return false;
            }
            f.write(kPassword);
        }
        if (m_root) {
            const passwd *pw = ::getpwnam("postgres");
            if (!pw) {
                m_error = QStringLiteral("running as root but there is no postgres user");
                return false;
            }
            for (const QString &p : { m_dir->path(), pwFile }) {
                if (::chown(QFile::encodeName(p).constData(), pw->pw_uid, pw->pw_gid) != 0) {
                    m_error = QStringLiteral("cannot chown %1").arg(p);
                    return false;
                }
            }
        }
        m_data = m_dir->filePath(QStringLiteral("data"));
        if (!run(QStringLiteral("initdb"),
                { QStringLiteral("-D"), m_data, QStringLiteral("-U"), QLatin1StringView(kUser),
                    QStringLiteral("--pwfile=") + pwFile, QStringLiteral("--auth=scram-sha-256"),
                    QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--no-locale") },
                120'000)) {
            return false;
        }
        m_port = freePort();
        QString options = QStringLiteral("-k %1 -p %2 -h 127.0.0.1 -c max_connections=50")
                              .arg(m_dir->path())
                              .arg(m_port);
        if (!durable) {
            options += QStringLiteral(" -c fsync=off -c synchronous_commit=off");
        }
        m_options = options;
        if (!startServer()) {
            return false;
        }
        qputenv("PGPASSWORD", kPassword);
        return true;
    }

    // Stops the server (fast shutdown: clients are disconnected) and starts it again on the
    // same port with the same data, as an administrator's restart would.
    bool restart()
    {
        if (!m_running) {
            m_error = QStringLiteral("the server is not running");
            return false;
        }
        if (!run(QStringLiteral("pg_ctl"),
                { QStringLiteral("-D"), m_data, QStringLiteral("-m"), QStringLiteral("fast"),
                    QStringLiteral("-w"), QStringLiteral("stop") },
                60'000)) {
            return false;
        }
        m_running = false;
        return startServer();
    }

    // A new, empty database; its store location.
    bool createDatabase(const QString &name)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(binDir() + QStringLiteral("/createdb"),
            { QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                QString::number(m_port), QStringLiteral("-U"), QLatin1StringView(kUser), name });
        if (!p.waitForFinished(60'000) || p.exitStatus() != QProcess::NormalExit
            || p.exitCode() != 0) {
            m_error = QString::fromUtf8(p.readAll());
            return false;
        }
        return true;
    }

    QString location(const QString &database) const
    {
        return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3?sslmode=disable")
            .arg(QLatin1StringView(kUser))
            .arg(m_port)
            .arg(database);
    }

    void stop()
    {
        if (!m_running) {
            return;
        }
        m_running = false;
        if (!run(QStringLiteral("pg_ctl"),
                { QStringLiteral("-D"), m_data, QStringLiteral("-m"), QStringLiteral("immediate"),
                    QStringLiteral("-w"), QStringLiteral("stop") },
                60'000)) {
            // Last resort: the postmaster's pid from its own file.
            QFile pidFile(m_data + QStringLiteral("/postmaster.pid"));
            if (pidFile.open(QIODevice::ReadOnly)) {
                const pid_t pid = pid_t(pidFile.readLine().trimmed().toLongLong());
                if (pid > 0) {
                    ::kill(pid, SIGKILL);
                }
            }
        }
    }

    quint16 port() const { return m_port; }
    QString error() const { return m_error; }
    QString log() const
    {
        QFile f(m_dir ? m_dir->filePath(QStringLiteral("server.log")) : QString());
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().right(4000)) : QString();
    }

private:
    bool startServer()
    {
        if (!run(QStringLiteral("pg_ctl"),
                { QStringLiteral("-D"), m_data, QStringLiteral("-o"), m_options,
                    QStringLiteral("-l"), m_dir->filePath(QStringLiteral("server.log")),
                    QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
                    QStringLiteral("start") },
                90'000)) {
            m_error += QStringLiteral("\n") + log();
            return false;
        }
        m_running = true;
        return true;
    }

    bool run(const QString &tool, const QStringList &args, int timeoutMs)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.setWorkingDirectory(m_dir->path());
        const QString exe = binDir() + u'/' + tool;
        if (m_root) {
            p.start(QStringLiteral("runuser"),
                QStringList {
                    QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), exe }
                    + args);
        } else {
            p.start(exe, args);
        }
        if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit
            || p.exitCode() != 0) {
            if (p.state() != QProcess::NotRunning) {
                p.kill();
                p.waitForFinished(5000);
            }
            m_error = QStringLiteral("%1 failed: %2").arg(tool, QString::fromUtf8(p.readAll()));
            return false;
        }
        return true;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_data;
    QString m_options;
    QString m_error;
    quint16 m_port = 0;
    bool m_root = false;
    bool m_running = false;
};

} // namespace PgTest
