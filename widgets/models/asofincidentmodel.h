// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "incidenttypes.h"

#include <QAbstractTableModel>

namespace Lakeguard::Widgets {

// Incidents as they were at a past moment (an AsOfSnapshot's list; issue 7). Small and held
// whole: a snapshot lists the incidents that existed then, not alerts.
class AsOfIncidentModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AsOfIncidentModel)

public:
    enum Column {
        IdColumn,
        SeverityColumn,
        StatusColumn,
        TitleColumn,
        OwnerColumn,
        AlertsColumn,
        LastSeenColumn,
        ColumnCount
    };

    explicit AsOfIncidentModel(QObject *parent = nullptr);

    void setIncidents(QList<Storage::IncidentRow> incidents);
    const QList<Storage::IncidentRow> &incidents() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Storage::IncidentRow> m_rows;
};

} // namespace Lakeguard::Widgets
