// SPDX-FileCopyrightText: 2026 The Lakeguard authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Runs the real `lakeguard --demo --screenshot DIR` offscreen.
class tst_GuiScreenshot : public QObject
{
    Q_OBJECT

private slots:
    void demoScreenshots();
};

void tst_GuiScreenshot::demoScreenshots()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess gui;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s)); // no saved settings leak in
    gui.setProcessEnvironment(env);
    gui.start(QStringLiteral(LAKEGUARD_GUI),
        { u"--store"_s, dir.filePath(u"demo.db"_s), u"--demo"_s, u"--seed"_s, u"1"_s, u"--lang"_s,
            u"en"_s, u"--screenshot"_s, dir.filePath(u"shots"_s) });
    QVERIFY2(gui.waitForFinished(180'000), "lakeguard --screenshot did not finish in 3 minutes");
    const QString out = QString::fromUtf8(gui.readAllStandardOutput());
    QVERIFY2(gui.exitStatus() == QProcess::NormalExit && gui.exitCode() == 0,
        qPrintable(out + QString::fromUtf8(gui.readAllStandardError())));

    for (const char *view : { "dashboard", "alerts", "incidents", "chains", "feeds", "timeline" }) {
        const QImage shot(dir.filePath(u"shots/%1.png"_s.arg(QLatin1StringView(view))));
        QVERIFY2(!shot.isNull(), view);
        QCOMPARE(shot.size(), QSize(1440, 900));
    }
    // The status bar shows the verifier's verdict on the demo's signed records, not the state
    // from before its first checkpoint.
    QVERIFY2(out.contains(u"Verification shown: Verified"_s), qPrintable(out));
    QVERIFY2(!out.contains(u"no checkpoint yet"_s), qPrintable(out));
}

QTEST_GUILESS_MAIN(tst_GuiScreenshot)
#include "tst_guiscreenshot.moc"
