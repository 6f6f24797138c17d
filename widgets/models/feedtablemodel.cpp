// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "feedtablemodel.h"

#include "modelroles.h"
#include "textsupport.h"
#include "theme.h"

#include <QEvent>
#include <QLocale>

namespace Lakeguard::Widgets {

FeedTableModel::FeedTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int FeedTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_feeds.size());
}

int FeedTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FeedTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Storage::FeedStatus &feed = m_feeds.at(index.row());
    const QLocale locale;
    const int column = index.column();

    if (role == RawValueRole) {
        switch (column) {
        case IdColumn:
            return feed.id;
        case TypeColumn:
            return feed.type;
        case StateColumn:
            return int(feed.state);
        case LastEventColumn:
            return feed.lastEvent;
        case ReceivedColumn:
            return feed.received;
        case AcceptedColumn:
            return feed.accepted;
        case DuplicatesColumn:
            return feed.duplicates;
        case QuarantinedColumn:
            return feed.quarantined;
        case SkippedColumn:
            return feed.skipped;
        case BytesColumn:
            return feed.bytes;
        case LastErrorColumn:
            return feed.lastError;
        default:
            return {};
        }
    }
    if (role == Qt::DisplayRole) {
        switch (column) {
        case IdColumn:
            return Core::displayText(feed.id);
        case TypeColumn:
            return Core::displayText(feed.type);
        case StateColumn:
            return Theme::feedStateDisplayName(feed.state);
        case LastEventColumn:
            return feed.lastEvent > 0 ? Theme::formatLocalTime(feed.lastEvent, locale)
                                      : tr("never", "feed last event");
        case ReceivedColumn:
            return locale.toString(feed.received);
        case AcceptedColumn:
            return locale.toString(feed.accepted);
        case DuplicatesColumn:
            return locale.toString(feed.duplicates);
        case QuarantinedColumn:
            return locale.toString(feed.quarantined);
        case SkippedColumn:
            return locale.toString(feed.skipped);
        case BytesColumn:
            return locale.formattedDataSize(feed.bytes);
        case LastErrorColumn:
            // Untrusted (it may quote remote input): controls and bidi overrides made visible;
            // the view paints DisplayRole as plain text.
            return Core::displayText(feed.lastError);
        default:
            return {};
        }
    }
    if (role == ChipColorRole && column == StateColumn) {
        return Theme::feedStateColor(feed.state);
    }
    if (role == Qt::TextAlignmentRole && column >= ReceivedColumn && column <= BytesColumn) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole) {
        if (column == LastEventColumn && feed.lastEvent > 0) {
            return Core::formatIsoTimestamp(feed.lastEvent);
        }
        if (column == LastErrorColumn) {
            return Theme::plainToolTip(Core::displayText(feed.lastError, true));
        }
        if (column == BytesColumn) {
            return tr("%1 bytes").arg(locale.toString(feed.bytes));
        }
    }
    if (role == Qt::ForegroundRole && column == LastErrorColumn && !feed.lastError.isEmpty()) {
        return Theme::feedStateColor(Storage::FeedState::Down);
    }
    return {};
}

QVariant FeedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case IdColumn:
        return tr("Feed");
    case TypeColumn:
        return tr("Type");
    case StateColumn:
        return tr("State");
    case LastEventColumn:
        return tr("Last event");
    case ReceivedColumn:
        return tr("Received");
    case AcceptedColumn:
        return tr("Accepted");
    case DuplicatesColumn:
        return tr("Duplicates");
    case QuarantinedColumn:
        return tr("Quarantined");
    case SkippedColumn:
        return tr("Skipped");
    case BytesColumn:
        return tr("Bytes");
    case LastErrorColumn:
        return tr("Last error");
    default:
        return {};
    }
}

void FeedTableModel::setFeeds(const QList<Storage::FeedStatus> &feeds)
{
    const bool sameRows = feeds.size() == m_feeds.size()
        && std::equal(feeds.cbegin(), feeds.cend(), m_feeds.cbegin(),
            [](const Storage::FeedStatus &a, const Storage::FeedStatus &b) {
                return a.id == b.id;
            });
    if (sameRows) {
        m_feeds = feeds;
        if (!m_feeds.isEmpty()) {
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        }
        return;
    }
    beginResetModel();
    m_feeds = feeds;
    endResetModel();
}

void FeedTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
            { Qt::DisplayRole, Qt::ToolTipRole });
    }
}

bool FeedTableModel::event(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    return QAbstractTableModel::event(event);
}

} // namespace Lakeguard::Widgets
