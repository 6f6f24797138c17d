// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "asofincidentmodel.h"

#include "incidenttablemodel.h"
#include "modelroles.h"
#include "theme.h"

#include <QLocale>

namespace Lakeguard::Widgets {

AsOfIncidentModel::AsOfIncidentModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void AsOfIncidentModel::setIncidents(QList<Storage::IncidentRow> incidents)
{
    beginResetModel();
    m_rows = std::move(incidents);
    endResetModel();
}

int AsOfIncidentModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AsOfIncidentModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AsOfIncidentModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Storage::IncidentRow &r = m_rows.at(index.row());
    if (role == RawValueRole) {
        switch (index.column()) {
        case IdColumn:
            return r.id.value;
        case SeverityColumn:
            return int(r.severity);
        case StatusColumn:
            return int(r.status);
        case TitleColumn:
            return r.title;
        case OwnerColumn:
            return r.owner;
        case AlertsColumn:
            return r.alerts;
        case LastSeenColumn:
            return r.lastSeen;
        default:
            return {};
        }
    }
    if (role == ChipColorRole && index.column() == SeverityColumn) {
        return Theme::severityColor(r.severity);
    }
    if (role == Qt::TextAlignmentRole
        && (index.column() == IdColumn || index.column() == AlertsColumn)) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    const QLocale locale;
    switch (index.column()) {
    case IdColumn:
        return QString::number(r.id.value);
    case SeverityColumn:
        return Core::severityDisplayName(r.severity);
    case StatusColumn:
        return r.pendingStatus
            ? tr("%1 (close pending)").arg(IncidentTableModel::statusName(r.status))
            : IncidentTableModel::statusName(r.status);
    case TitleColumn:
        // Titles come from alerts: a tooltip is escaped so it never renders as markup.
        return role == Qt::ToolTipRole ? Theme::plainToolTip(r.title) : QVariant(r.title);
    case OwnerColumn:
        return role == Qt::ToolTipRole ? Theme::plainToolTip(r.owner) : QVariant(r.owner);
    case AlertsColumn:
        return locale.toString(r.alerts);
    case LastSeenColumn:
        return Theme::formatLocalTime(r.lastSeen, locale);
    default:
        return {};
    }
}

QVariant AsOfIncidentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case IdColumn:
        return tr("#");
    case SeverityColumn:
        return tr("Severity");
    case StatusColumn:
        return tr("Status");
    case TitleColumn:
        return tr("Title");
    case OwnerColumn:
        return tr("Owner");
    case AlertsColumn:
        return tr("Alerts");
    case LastSeenColumn:
        return tr("Last alert");
    default:
        return {};
    }
}

} // namespace Lakeguard::Widgets
