@echo off
rem Playhall kiosk autostart for Windows. Put a shortcut to this file in
rem shell:startup of the kiosk's auto-login account. --supervise restarts
rem the kiosk after a crash (1 s, doubling to 30 s when it keeps failing);
rem the staff menu's Exit stops both.
cd /d "%~dp0"
start "" /b kiosk.exe --supervise --config kiosk.toml --fullscreen
