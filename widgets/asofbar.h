// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alert.h"

#include <QWidget>

#include <optional>

class QDateTimeEdit;
class QLabel;
class QPushButton;
class QSlider;
class QTimer;
class QToolButton;

namespace Lakeguard::Storage {
class QueryService;
}

namespace Lakeguard::Widgets {

class RefreshThrottle;

// The window's as-of scrubber (issue 7; docs/timeline.md, "As of"): a banner saying which moment
// is shown and that it is read-only, a slider over the store's period (one step per minute), a
// date-time field, −1 h / −1 min / +1 min / +1 h and "Back to live". Hidden while live.
// It only picks the moment: the window hands it to the Dashboard, Incidents and Chains views,
// which rebuild themselves from stored data. Live updates only widen the slider's range.
class AsOfBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AsOfBar)

public:
    explicit AsOfBar(Storage::QueryService *queries, QWidget *parent = nullptr);

    // Shows `at` (UTC ms): the bar appears; momentChanged follows after a short debounce, so
    // dragging the slider asks the views once it rests.
    void setMoment(Core::TimestampMs at);
    std::optional<Core::TimestampMs> moment() const { return m_at; }
    bool isActive() const { return m_at.has_value(); }
    // Enters as-of mode at the newest stored alert (asks the store for its range first).
    void enter();
    // Leaves as-of mode at once: the bar hides and momentChanged(nullopt) is emitted.
    void backToLive();
    void stepBy(qint64 ms);
    // Whether the current page follows the moment (the banner's wording says so).
    void setPageFollows(bool follows);

    QSlider *scrubber() const { return m_slider; }
    QDateTimeEdit *dateTimeEdit() const { return m_edit; }
    QPushButton *liveButton() const { return m_live; }
    QString bannerText() const;

public slots:
    // The store changed: only the slider's range follows; the moment stays.
    void scheduleRefresh();

signals:
    void momentChanged(std::optional<Core::TimestampMs> at);

protected:
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void retranslateUi();
    void refreshRange(bool enterAfter);
    void syncControls();

    Storage::QueryService *m_queries;
    RefreshThrottle *m_throttle;
    QTimer *m_debounce;
    QLabel *m_banner;
    QPushButton *m_live;
    QSlider *m_slider;
    QDateTimeEdit *m_edit;
    QList<QToolButton *> m_steps;
    Core::TimestampMs m_oldest = 0;
    Core::TimestampMs m_newest = 0;
    std::optional<Core::TimestampMs> m_at;
    bool m_syncing = false;
    bool m_pageFollows = true;
};

} // namespace Lakeguard::Widgets
