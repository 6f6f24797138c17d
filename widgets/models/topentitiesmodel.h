// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storetypes.h"

#include <QAbstractTableModel>

namespace Lakeguard::Widgets {

// The Dashboard's "top entities" table: entity, alert count, worst severity, risk.
class TopEntitiesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopEntitiesModel)

public:
    enum Column { EntityColumn, AlertsColumn, WorstColumn, RiskColumn, ColumnCount };

    explicit TopEntitiesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setEntities(const QList<Storage::EntityRisk> &entities);

private:
    QList<Storage::EntityRisk> m_entities;
};

} // namespace Lakeguard::Widgets
