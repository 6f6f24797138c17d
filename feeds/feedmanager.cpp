// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedmanager.h"

#include "alertstore.h"
#include "feed.h"
#include "feedsecret.h"
#include "storewriter.h"
#include "vault.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Lakeguard::Feeds {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Lakeguard)
};

using Storage::Ok;
using Storage::Status;

bool enabled(const FeedConfig &config)
{
    return config.settings.value(u"enabled"_s).toBool(true);
}

} // namespace

FeedManager::FeedManager(Storage::StoreWriter *writer, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
{ }

FeedManager::~FeedManager()
{
    stopAll();
}

Status FeedManager::load(const QString &path)
{
    m_path = path;
    QFile file(path);
    if (!file.exists()) {
        m_configs.clear();
        return Ok {};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return Status::failure(Tr::tr("%1: %2").arg(path, file.errorString()));
    }
    auto parsed = parseFeedsConfig(file.readAll());
    if (!parsed) {
        return Status::failure(Tr::tr("%1: %2").arg(path, parsed.error()));
    }
    m_configs = std::move(parsed).value();
    return Ok {};
}

std::optional<FeedConfig> FeedManager::config(const QString &id) const
{
    for (const FeedConfig &c : m_configs) {
        if (c.id == id) {
            return c;
        }
    }
    return std::nullopt;
}

// Where `feed` stopped last time. Opens a reader, so it runs on the feed's own thread, never on
// the caller's (the console's GUI thread).
static QByteArray storedCursor(const QString &location, const QString &feed)
{
    auto store = Storage::createStore(location);
    if (!store || !store.value()->open(Storage::AlertStore::Mode::ReadOnly)) {
        return {};
    }
    if (const auto feeds = store.value()->feeds()) {
        for (const Storage::FeedStatus &f : *feeds) {
            if (f.id == feed) {
                return f.cursor;
            }
        }
    }
    return {};
}

Status FeedManager::startAll()
{
    // Refuse before starting anything: a half-started configuration is harder to reason about.
    for (const FeedConfig &c : std::as_const(m_configs)) {
        if (enabled(c) && !runnableFeedTypes().contains(c.type)) {
            return Status::failure(
                Tr::tr("feed \"%1\": type %2 is not available in this version").arg(c.id, c.type));
        }
    }
    m_started = true;
    for (const FeedConfig &c : std::as_const(m_configs)) {
        if (!enabled(c)) {
            m_writer->setFeedState(c.id, c.type, Storage::FeedState::Paused, {});
            continue;
        }
        if (const Status s = startFeed(c); !s) {
            return s;
        }
    }
    emit changed();
    return Ok {};
}

QString FeedManager::vaultPath() const
{
    return m_vaultPath.isEmpty() ? Vault::resolvePath() : m_vaultPath;
}

bool FeedManager::needsVault() const
{
    return std::any_of(m_configs.cbegin(), m_configs.cend(),
        [](const FeedConfig &c) { return enabled(c) && feedNeedsVault(c); });
}

bool FeedManager::isWaitingForVault() const
{
    return !m_vault && needsVault();
}

Status FeedManager::unlockVault(const QByteArray &passphrase)
{
    m_triedEnvironment = true; // the caller chose the passphrase
    auto opened = Vault::open(vaultPath(), passphrase);
    if (!opened) {
        m_vaultProblem = opened.error();
        // Feeds already waiting show the new reason.
        setVault(nullptr);
        return Status::failure(opened.error());
    }
    setVault(std::make_shared<const Vault>(std::move(opened).value()));
    return Ok {};
}

void FeedManager::setVault(std::shared_ptr<const Vault> vault)
{
    m_vault = std::move(vault);
    if (m_vault) {
        m_vaultProblem.clear();
    }
    if (!m_started) {
        return;
    }
    for (const FeedConfig &c : std::as_const(m_configs)) {
        if (enabled(c) && feedNeedsVault(c) && m_running.contains(c.id)) {
            stopFeed(c.id);
            startFeed(c);
        }
    }
    emit changed();
}

FeedConfig FeedManager::withVault(FeedConfig config) const
{
    config.vault = m_vault;
    config.vaultProblem = m_vaultProblem;
    return config;
}

Status FeedManager::startFeed(const FeedConfig &plain)
{
    FeedConfig config = plain;
    if (feedNeedsVault(config)) {
        // The passphrase from the environment opens the vault the first time a feed needs it.
        if (!m_vault && !m_triedEnvironment) {
            m_triedEnvironment = true;
            if (QByteArray passphrase = Vault::passphraseFromEnvironment(); !passphrase.isEmpty()) {
                auto opened = Vault::open(vaultPath(), std::move(passphrase));
                if (opened) {
                    m_vault = std::make_shared<const Vault>(std::move(opened).value());
                } else {
                    m_vaultProblem = opened.error();
                }
            }
        }
        config = withVault(std::move(config));
        if (!m_vault && m_vaultProblem.isEmpty() && !m_vaultNeededSent) {
            m_vaultNeededSent = true;
            QMetaObject::invokeMethod(this, &FeedManager::vaultNeeded, Qt::QueuedConnection);
        }
    }
    QString error;
    std::unique_ptr<Feed> created = createFeed(config, m_writer, &error);
    if (!created) {
        return Status::failure(error);
    }
    // A feed is a worker on its own named thread (STYLE.md 12).
    auto *thread = new QThread(this);
    thread->setObjectName(u"feed-"_s + config.id);
    Feed *feed = created.release();
    feed->moveToThread(thread);
    connect(thread, &QThread::finished, feed, &QObject::deleteLater);
    thread->start();
    QMetaObject::invokeMethod(feed, [feed, location = m_writer->location(), id = config.id] {
        feed->start(storedCursor(location, id));
    });
    m_running.insert(config.id, { feed, thread });
    return Ok {};
}

void FeedManager::stopFeed(const QString &id)
{
    const auto it = m_running.constFind(id);
    if (it == m_running.constEnd()) {
        return;
    }
    const Running r = *it;
    m_running.erase(it);
    QMetaObject::invokeMethod(
        r.feed, [feed = r.feed] { feed->stop(); }, Qt::BlockingQueuedConnection);
    r.thread->quit();
    r.thread->wait();
    delete r.thread;
}

void FeedManager::stopAll()
{
    const QStringList ids = m_running.keys();
    for (const QString &id : ids) {
        stopFeed(id);
    }
    m_started = false;
}

QByteArray FeedManager::serialize(const QList<FeedConfig> &feeds)
{
    QJsonArray array;
    for (const FeedConfig &f : feeds) {
        array.append(f.settings);
    }
    return QJsonDocument(QJsonObject { { u"feeds"_s, array } }).toJson(QJsonDocument::Indented);
}

Status FeedManager::apply(QList<QJsonObject> feeds, const QString &restartId, const QString &stopId)
{
    QJsonArray array;
    for (const QJsonObject &f : feeds) {
        array.append(f);
    }
    const QByteArray json
        = QJsonDocument(QJsonObject { { u"feeds"_s, array } }).toJson(QJsonDocument::Indented);
    auto parsed = parseFeedsConfig(json);
    if (!parsed) {
        return Status::failure(parsed.error());
    }
    if (m_path.isEmpty()) {
        return Status::failure(Tr::tr("no feeds file to save to"));
    }
    // Written whole or not at all, and never readable by others (it names secrets' variables
    // and internal addresses, not secrets, but there is no reason to share it).
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile out(m_path);
    if (!out.open(QIODevice::WriteOnly) || out.write(json) != json.size()) {
        return Status::failure(Tr::tr("%1: %2").arg(m_path, out.errorString()));
    }
    out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!out.commit()) {
        return Status::failure(Tr::tr("%1: %2").arg(m_path, out.errorString()));
    }
    m_configs = std::move(parsed).value();

    if (!stopId.isEmpty()) {
        stopFeed(stopId);
    }
    if (m_started && !restartId.isEmpty()) {
        stopFeed(restartId);
        const std::optional<FeedConfig> c = config(restartId);
        if (c && enabled(*c)) {
            if (!runnableFeedTypes().contains(c->type)) {
                emit changed();
                return Status::failure(Tr::tr("feed \"%1\": saved, but type %2 is not available "
                                              "in this version")
                                           .arg(c->id, c->type));
            }
            if (const Status s = startFeed(*c); !s) {
                emit changed();
                return s;
            }
        } else if (c) {
            m_writer->setFeedState(c->id, c->type, Storage::FeedState::Paused, {});
        }
    }
    emit changed();
    return Ok {};
}

Status FeedManager::save(const QJsonObject &feed, const QString &previousId)
{
    const QString id = feed.value(u"id"_s).toString();
    const QString replacing = previousId.isEmpty() ? id : previousId;
    QList<QJsonObject> feeds;
    bool replaced = false;
    for (const FeedConfig &c : std::as_const(m_configs)) {
        if (c.id == replacing) {
            feeds.append(feed);
            replaced = true;
        } else {
            feeds.append(c.settings);
        }
    }
    if (!replaced) {
        feeds.append(feed);
    }
    // A renamed feed stops under its old id; its counters stay in the store under that id.
    return apply(feeds, id, replacing != id ? replacing : QString());
}

Status FeedManager::remove(const QString &id)
{
    QList<QJsonObject> feeds;
    for (const FeedConfig &c : std::as_const(m_configs)) {
        if (c.id != id) {
            feeds.append(c.settings);
        }
    }
    if (feeds.size() == m_configs.size()) {
        return Status::failure(Tr::tr("no feed \"%1\"").arg(id));
    }
    const std::optional<FeedConfig> old = config(id);
    const Status s = apply(feeds, {}, id);
    if (s && old) {
        m_writer->setFeedState(old->id, old->type, Storage::FeedState::Stopped, {});
    }
    return s;
}

Status FeedManager::pause(const QString &id)
{
    std::optional<FeedConfig> c = config(id);
    if (!c) {
        return Status::failure(Tr::tr("no feed \"%1\"").arg(id));
    }
    QJsonObject settings = c->settings;
    settings.insert(u"enabled"_s, false);
    return save(settings);
}

Status FeedManager::resume(const QString &id)
{
    std::optional<FeedConfig> c = config(id);
    if (!c) {
        return Status::failure(Tr::tr("no feed \"%1\"").arg(id));
    }
    QJsonObject settings = c->settings;
    settings.remove(u"enabled"_s);
    return save(settings);
}

} // namespace Lakeguard::Feeds
