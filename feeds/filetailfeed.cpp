// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "filetailfeed.h"

#include "futurecallback.h"
#include "storewriter.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcFileFeed, "lakeguard.feeds.file")

namespace Lakeguard::Feeds {

namespace {
constexpr int kDefaultPollMs = 250;
constexpr qint64 kReadChunk = 1024 * 1024;
constexpr qint64 kHeadBytes = 64;
constexpr int kMaxInFlight = 2;
} // namespace

QByteArray FileCursor::toBytes() const
{
    const QJsonObject o{{u"dev"_s, QString::number(device)},
                        {u"ino"_s, QString::number(inode)},
                        {u"offset"_s, offset},
                        {u"head"_s, QString::fromLatin1(head.toHex())},
                        {u"head_len"_s, headLength}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<FileCursor> FileCursor::fromBytes(const QByteArray &bytes)
{
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject()) {
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    FileCursor c;
    bool okDev = false;
    bool okIno = false;
    c.device = o.value(u"dev"_s).toString().toULongLong(&okDev);
    c.inode = o.value(u"ino"_s).toString().toULongLong(&okIno);
    c.offset = o.value(u"offset"_s).toInteger(-1);
    c.head = QByteArray::fromHex(o.value(u"head"_s).toString().toLatin1());
    c.headLength = o.value(u"head_len"_s).toInteger(-1);
    if (!okDev || !okIno || c.offset < 0 || c.headLength < 0) {
        return std::nullopt;
    }
    return c;
}

FileTailFeed::FileTailFeed(FeedConfig config, Storage::StoreWriter *writer, QObject *parent)
    : Feed(parent)
    , m_config(std::move(config))
    , m_writer(writer)
    , m_normalizer(Core::makeNormalizer(m_config.format, m_config.map))
    , m_timer(this)
{
    m_timer.setInterval(
        m_config.settings.value(u"poll_ms"_s).toInt(kDefaultPollMs));
    connect(&m_timer, &QTimer::timeout, this, &FileTailFeed::poll);
}

FileTailFeed::~FileTailFeed() = default;

bool FileTailFeed::identify(const QString &path, quint64 *device, quint64 *inode, qint64 *size)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        return false;
    }
    *device = st.st_dev;
    *inode = st.st_ino;
    *size = st.st_size;
    return true;
}

QByteArray FileTailFeed::headHash(QFile &file, qint64 length)
{
    const qint64 pos = file.pos();
    file.seek(0);
    const QByteArray head = file.read(length);
    file.seek(pos);
    return QCryptographicHash::hash(head, QCryptographicHash::Sha256);
}

void FileTailFeed::setState(Storage::FeedState state, const QString &error)
{
    if (state == m_state && error == m_lastError) {
        return;
    }
    m_state = state;
    m_lastError = error;
    if (!error.isEmpty()) {
        qCWarning(lcFileFeed) << m_config.id << error;
    }
    m_writer->setFeedState(m_config.id, m_config.type, state, error);
    emit stateChanged(state, error);
}

bool FileTailFeed::openAt(const QString &path, qint64 offset, bool resumeCheck)
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        setState(Storage::FeedState::Down, tr("cannot open %1: %2").arg(path, file->errorString()));
        return false;
    }
    struct stat st = {};
    if (::fstat(file->handle(), &st) != 0) {
        setState(Storage::FeedState::Down, tr("cannot stat %1").arg(path));
        return false;
    }
    FileCursor c;
    c.device = st.st_dev;
    c.inode = st.st_ino;
    c.headLength = std::min<qint64>(kHeadBytes, st.st_size);
    c.head = headHash(*file, c.headLength);
    c.offset = offset;
    if (resumeCheck) {
        // Same file as the cursor says, unchanged at its head and not shorter: resume there.
        const bool same = c.device == m_committed.device && c.inode == m_committed.inode
            && st.st_size >= m_committed.offset
            && headHash(*file, m_committed.headLength) == m_committed.head;
        if (!same) {
            c.offset = 0;
        }
    }
    if (c.offset > st.st_size) {
        c.offset = 0;
    }
    file->seek(c.offset);
    m_file = std::move(file);
    m_reading = c;
    m_committed = c;
    m_submitted = c;
    m_splitter = std::make_unique<Core::RecordSplitter>();
    m_splitterBase = c.offset;
    return true;
}

void FileTailFeed::start(const QByteArray &storedCursor)
{
    if (!m_normalizer) {
        setState(Storage::FeedState::Down, tr("unknown format \"%1\"").arg(m_config.format));
        return;
    }
    m_running = true;
    setState(Storage::FeedState::Starting);
    const QString path = m_config.path();
    if (const auto c = FileCursor::fromBytes(storedCursor)) {
        m_committed = *c;
        quint64 dev = 0;
        quint64 ino = 0;
        qint64 size = 0;
        if (identify(path, &dev, &ino, &size) && dev == c->device && ino == c->inode) {
            openAt(path, c->offset, true);
        } else if (identify(path + u".1"_s, &dev, &ino, &size) && dev == c->device
                   && ino == c->inode) {
            // Rotated while we were stopped: finish the old file, then take the new one.
            if (openAt(path + u".1"_s, c->offset, true)) {
                m_draining = true;
            }
        } else {
            openAt(path, 0, false);
        }
    } else {
        openAt(path, 0, false);
    }
    m_timer.start();
    poll();
}

void FileTailFeed::stop()
{
    m_running = false;
    m_timer.stop();
    setState(Storage::FeedState::Stopped);
}

void FileTailFeed::poll()
{
    if (!m_running || m_inFlight >= kMaxInFlight || m_rewinding || m_switchPending) {
        return;
    }
    if (m_inFlight > 0) {
        // Read ahead in the open file only; rotation and truncation are checked when idle.
        if (m_file) {
            readAvailable(m_draining);
        }
        return;
    }
    const QString path = m_config.path();
    if (!m_file) {
        if (!QFile::exists(path) || !openAt(path, 0, false)) {
            if (!QFile::exists(path)) {
                setState(Storage::FeedState::Down, tr("waiting for %1 to appear").arg(path));
            }
            return;
        }
    }
    if (!m_draining) {
        quint64 dev = 0;
        quint64 ino = 0;
        qint64 size = 0;
        if (!identify(path, &dev, &ino, &size) || dev != m_reading.device
            || ino != m_reading.inode) {
            m_draining = true; // renamed away (or deleted): read the rest of the old file first
        } else if (size < m_committed.offset
                   || headHash(*m_file, m_committed.headLength) != m_committed.head) {
            // Truncated in place (copytruncate), possibly already rewritten: start again at 0.
            qCInfo(lcFileFeed) << m_config.id << "truncated; reading from the start";
            openAt(path, 0, false);
        }
    }
    readAvailable(m_draining);
}

void FileTailFeed::readAvailable(bool finishing)
{
    const QByteArray data = m_file->read(kReadChunk);
    QList<Core::RawRecord> records;
    if (!data.isEmpty()) {
        m_splitter->feed(data, records);
    } else if (finishing) {
        m_splitter->finish(records); // a last line without newline is still a record
    }
    FileCursor next = m_reading;
    next.offset = m_splitterBase + m_splitter->consumed();
    if (m_submitted.headLength < kHeadBytes) {
        next.headLength = std::min<qint64>(kHeadBytes, m_file->size());
        next.head = headHash(*m_file, next.headLength);
    } else {
        next.headLength = m_submitted.headLength;
        next.head = m_submitted.head;
    }
    const bool switchAfter = data.isEmpty() && finishing;
    if (records.isEmpty() && next.offset == m_submitted.offset && next.head == m_submitted.head) {
        if (switchAfter && m_inFlight == 0) {
            m_draining = false;
            openAt(m_config.path(), 0, false);
            return;
        }
        if (m_inFlight == 0
            && (m_state == Storage::FeedState::Starting || m_state == Storage::FeedState::Down)) {
            setState(Storage::FeedState::Healthy);
        }
        return;
    }
    Storage::IngestBatch batch;
    const Core::NormalizeContext ctx{m_config.id, Core::nowMs()};
    for (const Core::RawRecord &rec : records) {
        addRecord(*m_normalizer, rec, ctx, batch);
    }
    submit(std::move(batch), next, switchAfter);
}

void FileTailFeed::submit(Storage::IngestBatch batch, FileCursor next, bool switchAfter)
{
    batch.feed = m_config.id;
    batch.feedType = m_config.type;
    batch.bytes = std::max<qint64>(0, next.offset - m_submitted.offset);
    batch.cursor = next.toBytes();
    if (m_inFlight > 0) {
        batch.expectedCursor = m_submitted.toBytes();
    }
    ++m_inFlight;
    m_submitted = next;
    m_switchPending = switchAfter;
    const quint64 generation = m_generation;
    Core::whenFinished(m_writer->submit(std::move(batch)), this,
        [this, next, switchAfter, generation](const Storage::BatchResult &r) {
            --m_inFlight;
            if (generation != m_generation) {
                // Submitted before a rewind: refused by the store, or irrelevant now.
                m_rewinding = m_inFlight > 0;
                if (!m_rewinding && m_running) {
                    QTimer::singleShot(0, this, &FileTailFeed::poll);
                }
                return;
            }
            if (!r.ok) {
                // Nothing of this batch was stored (and a batch after it will be refused): read
                // the same bytes again once every batch in flight has come back.
                setState(Storage::FeedState::Degraded, tr("store: %1").arg(r.error));
                ++m_generation;
                m_rewinding = m_inFlight > 0;
                m_switchPending = false;
                m_file->seek(m_committed.offset);
                m_splitter = std::make_unique<Core::RecordSplitter>();
                m_splitterBase = m_committed.offset;
                m_submitted = m_committed;
                return;
            }
            m_committed = next;
            setState(Storage::FeedState::Healthy);
            emit batchCommitted(r);
            if (switchAfter) {
                m_switchPending = false;
                m_draining = false;
                openAt(m_config.path(), 0, false);
            }
            if (m_running) {
                QTimer::singleShot(0, this, &FileTailFeed::poll); // more may be waiting
            }
        });
    // Read ahead while the writer works on this batch.
    if (m_running && m_inFlight < kMaxInFlight && !switchAfter) {
        QTimer::singleShot(0, this, &FileTailFeed::poll);
    }
}

} // namespace Lakeguard::Feeds
