@echo off
rem Playhall kiosk autostart for Windows. Put a shortcut to this file in
rem shell:startup of the kiosk's auto-login account. --supervise restarts
rem the kiosk after a crash (at once after a run of a minute or more, else
rem after 1 s, doubling to 30 s while it keeps failing); the staff menu's
rem Exit stops both. Ending the supervisor (Task Manager, sign-out) ends the
rem kiosk too, so starting this file again never runs two kiosks on one data
rem folder. README.md, Crash recovery, has the details.
cd /d "%~dp0"
start "" /b kiosk.exe --supervise --config kiosk.toml --fullscreen
