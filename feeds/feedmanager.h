// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feedconfig.h"
#include "storetypes.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace Lakeguard::Storage {
class StoreWriter;
}

namespace Lakeguard::Feeds {

class Feed;
class Vault;

// Runs the configured feeds, each a worker on its own thread, for `lakeguard-cli serve` and the
// console's feed manager. It owns FEEDS.json: edits (add, edit, remove, pause, resume) are
// validated as a whole file, saved atomically, and applied to the running feed. A paused feed
// is saved with "enabled": false, so it stays paused after a restart.
//
// Lives on the thread that created it (the GUI or the CLI's main thread); feed threads only run
// the feeds. Every call returns after the feed concerned has started or stopped.
class FeedManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FeedManager)

public:
    explicit FeedManager(Storage::StoreWriter *writer, QObject *parent = nullptr);
    ~FeedManager() override; // stops every feed

    // Reads and validates FEEDS.json; a missing file is an empty configuration that the first
    // edit creates. Nothing changes on error.
    Storage::Status load(const QString &path);
    QString path() const { return m_path; }
    QList<FeedConfig> configs() const { return m_configs; }
    std::optional<FeedConfig> config(const QString &id) const;

    // Starts every enabled feed from the cursor committed with its last batch; marks the others
    // paused in the store. Fails when a type cannot run here (nothing is started then).
    Storage::Status startAll();
    // Stops every feed; each has handed its last batch to the writer when this returns.
    void stopAll();
    bool isRunning(const QString &id) const { return m_running.contains(id); }

    // Adds a feed, or replaces the one with the same id (`previousId` when the id was renamed).
    Storage::Status save(const QJsonObject &feed, const QString &previousId = {});
    Storage::Status remove(const QString &id);
    Storage::Status pause(const QString &id);
    Storage::Status resume(const QString &id);

    // FEEDS.json as it would be saved with `feeds` (validated); for the editor's preview.
    static QByteArray serialize(const QList<FeedConfig> &feeds);

    // ---- The secret vault (feeds naming `token_vault`, `hmac_secret_vault`; docs/vault.md) ----
    // The vault file (default: Vault::resolvePath()).
    void setVaultPath(const QString &path) { m_vaultPath = path; }
    QString vaultPath() const;
    // True when an enabled feed names a vault entry.
    bool needsVault() const;
    bool isVaultUnlocked() const { return m_vault != nullptr; }
    // A feed needs the vault, it is locked and $LAKEGUARD_VAULT_PASSPHRASE did not open it: the
    // console asks for the passphrase (vaultNeeded() says when).
    bool isWaitingForVault() const;
    // Opens the vault (scrypt: about 0.1 s; call it off the GUI thread or before it runs) and
    // restarts the feeds that wait for it. On failure they stay down with the error.
    Storage::Status unlockVault(const QByteArray &passphrase);
    // Hands over a vault opened elsewhere (the console opens it on a worker thread).
    void setVault(std::shared_ptr<const Vault> vault);
    // `config` with the unlocked vault attached (for a connection test).
    FeedConfig withVault(FeedConfig config) const;

signals:
    // The configuration or a feed's running state changed.
    void changed();
    // A feed that names a vault entry started while the vault is locked (emitted once).
    void vaultNeeded();

private:
    Storage::Status apply(
        QList<QJsonObject> feeds, const QString &restartId, const QString &stopId);
    Storage::Status startFeed(const FeedConfig &config);
    void stopFeed(const QString &id);

    struct Running
    {
        Feed *feed = nullptr;
        QThread *thread = nullptr;
    };

    Storage::StoreWriter *m_writer;
    QString m_path;
    QString m_vaultPath;
    std::shared_ptr<const Vault> m_vault;
    QString m_vaultProblem; // why the vault is locked, shown in the feeds that need it
    bool m_triedEnvironment = false;
    bool m_vaultNeededSent = false;
    QList<FeedConfig> m_configs;
    QHash<QString, Running> m_running;
    bool m_started = false;
};

} // namespace Lakeguard::Feeds
