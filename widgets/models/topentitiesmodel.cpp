// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "topentitiesmodel.h"

#include "modelroles.h"
#include "sensitivemask.h"
#include "textsupport.h"
#include "theme.h"

#include <QEvent>
#include <QLocale>

namespace Lakeguard::Widgets {

namespace {

// Entities come from alerts (host names, accounts, user names): untrusted, and masked in
// presentation mode like the alert list.
QString shownEntity(const QString &entity)
{
    return Core::displayText(SensitiveMask::apply(entity));
}

} // namespace

TopEntitiesModel::TopEntitiesModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int TopEntitiesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entities.size());
}

int TopEntitiesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopEntitiesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Storage::EntityRisk &e = m_entities.at(index.row());
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case EntityColumn:
            return shownEntity(e.entity);
        case AlertsColumn:
            return locale.toString(e.alerts);
        case WorstColumn:
            return Core::severityDisplayName(e.worst);
        case RiskColumn:
            return locale.toString(e.risk, 'f', 1);
        default:
            return {};
        }
    case RawValueRole:
        switch (index.column()) {
        case EntityColumn:
            return e.entity;
        case AlertsColumn:
            return e.alerts;
        case WorstColumn:
            return int(e.worst);
        case RiskColumn:
            return e.risk;
        default:
            return {};
        }
    case ChipColorRole:
        if (index.column() == WorstColumn) {
            return Theme::severityColor(e.worst);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == EntityColumn) {
            return Theme::plainToolTip(shownEntity(e.entity));
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == AlertsColumn || index.column() == RiskColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    default:
        return {};
    }
}

QVariant TopEntitiesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case EntityColumn:
        return tr("Entity");
    case AlertsColumn:
        return tr("Alerts");
    case WorstColumn:
        return tr("Worst", "worst severity");
    case RiskColumn:
        return tr("Risk");
    default:
        return {};
    }
}

void TopEntitiesModel::setEntities(const QList<Storage::EntityRisk> &entities)
{
    beginResetModel();
    m_entities = entities;
    endResetModel();
}

void TopEntitiesModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0) {
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
            { Qt::DisplayRole, Qt::ToolTipRole });
    }
}

bool TopEntitiesModel::event(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    return QAbstractTableModel::event(event);
}

} // namespace Lakeguard::Widgets
