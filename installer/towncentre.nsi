; 综治工作台 (Town Centre Workbench) — NSIS 3 installer, Modern UI 2, Unicode.
;
; Normally compiled by `python installer/build.py --nsis`. By hand (from any directory):
;     makensis -DVERSION=0.1.0 installer\towncentre.nsi
; Optional defines:
;     -DVERSION_QUAD=0.1.0.0        four-part version for the file properties (default: VERSION.0)
;     -DBUNDLE_DIR=..\dist\TownCentre   the PyInstaller onedir bundle (default relative to this file)
;     -DOUTFILE=..\dist\TownCentre-Setup-0.1.0.exe
;     -DPUBLISHER=...               shown in "Apps & features"
;
; Installer command line (run as administrator):
;     TownCentre-Setup-0.1.0.exe                         interactive
;     TownCentre-Setup-0.1.0.exe /S                      silent, default folder
;     TownCentre-Setup-0.1.0.exe /S /DESKTOP=0 /D=C:\Program Files\TownCentre
;     TownCentre-Setup-0.1.0.exe /S /HUB=https://10.1.2.3:8443 /TOWN=330127104000 /CA=\\srv\it\county-ca.pem
;   /D= must be the last argument and is not quoted, even with spaces (NSIS rule). A /D= always wins,
;   also one equal to the default folder; without it an upgrade reuses the earlier installation's folder.
;   /DESKTOP=0 skips the desktop shortcut.
;   Task Scheduler jobs (default off; also a checkbox page in an interactive install):
;     /TASKS=1          register "TownCentre-Sync" (towncentre-cli sync --once, every /SYNCMIN= minutes,
;                       default 30) and "TownCentre-Backup" (towncentre-cli backup --daily --user
;                       /BACKUPUSER=, default admin, daily at /BACKUPAT=, default 21:30), both with
;                       --db C:\ProgramData\TownCentre\towncentre.db. Re-registered on every install with
;                       /TASKS=1; removed by the uninstaller.
;     /TASKUSER=NAME    the Windows account they run as (default: the account running the installer).
;                       Never SYSTEM: the county token and the remembered password are in that
;                       account's Credential Manager, which only the same account can read.
;     /TASKPASSWORD=PW  that account's Windows password: the tasks then run whether or not it is signed
;                       in. Without it they run only while it is signed in (schtasks /IT).
;   County settings (for a silent roll-out; each optional, the command line wins over the ini file):
;     /HUB=URL   the county hub address      /TOWN=CODE   the 12-digit town area code
;     /CA=FILE   the intranet CA certificate (PEM), copied into the data folder as county-ca.pem
;   or an ini file named towncentre-setup.ini beside the installer:
;     [county]
;     hub=https://10.1.2.3:8443
;     town=330127104000
;     ca=county-ca.pem          (relative to the ini file's folder, or absolute)
;   They are written to C:\ProgramData\TownCentre\county.ini ([county] hub, town, ca), which the program
;   reads at first-run setup; a value given again on an upgrade replaces the old one, others are kept.
; Exit code: 0 installed, 1 cancelled, 2 aborted (e.g. the program is still running, 32-bit Windows),
;   3 installed but the data folder's rights for the Users group could not be set (see the log / icacls),
;   4 installed but the CA file given could not be copied,
;   5 installed but the scheduled tasks could not be registered (see the log).
;
; Uninstaller (uninstall.exe): keeps C:\ProgramData\TownCentre unless the user ticks
;   「同时删除全部数据（不可恢复）」 on its first page (default off) or passes /REMOVEDATA (or
;   /REMOVEDATA=1, =yes, =true) with /S; any other value, /REMOVEDATA=0 included, keeps the data.
;   It refuses (exit 2, nothing removed) while the program runs or, with /REMOVEDATA, while any file in
;   the data folder is open (a scheduled task, another user's window).
;
; Layout on the target machine:
;   $PROGRAMFILES64\TownCentre         the program (replaced on every upgrade, removed on uninstall)
;   C:\ProgramData\TownCentre          data: towncentre.db, logs\, backups\ — writable by the Users
;                                      group, removed only when the uninstaller is asked to

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
; A 64 MB window lets LZMA see that TownCentre.exe and towncentre-cli.exe carry the same 10 MB archive.
SetCompressorDictSize 64
RequestExecutionLevel admin

!ifndef VERSION
  !error "Pass the version: makensis -DVERSION=0.1.0 towncentre.nsi"
!endif
!ifndef VERSION_QUAD
  !define VERSION_QUAD "${VERSION}.0"
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "..\dist\TownCentre"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\TownCentre-Setup-${VERSION}.exe"
!endif
!ifndef PUBLISHER
  !define PUBLISHER "综治工作台项目组"
!endif

!define APP_ID "TownCentre"
!define APP_TITLE "综治工作台"
!define GUI_EXE "TownCentre.exe"
!define CLI_EXE "towncentre-cli.exe"
!define SHORTCUT "${APP_TITLE}.lnk"
!define UNINSTALLER "uninstall.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define APP_KEY "Software\${APP_ID}"
; Built-in "Users" group by SID: the name is localised on some Windows editions.
!define USERS_SID "S-1-5-32-545"
!define TASK_SYNC "TownCentre-Sync"
!define TASK_BACKUP "TownCentre-Backup"

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include x64.nsh
!include nsDialogs.nsh

Name "${APP_TITLE} ${VERSION}"
Caption "${APP_TITLE} ${VERSION} 安装 / Setup"
OutFile "${OUTFILE}"
; No InstallDir: .onInit sets $INSTDIR (an earlier installation's folder, else $PROGRAMFILES64\TownCentre)
; unless /D= did.
BrandingText "${APP_TITLE} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

Var DataDir
Var WantDesktop
Var CountyHub
Var CountyTown
Var CountyCa
Var WantTasks
Var TaskUser
Var TaskPassword
Var SyncMinutes
Var BackupUser
Var BackupAt
Var TasksBox
Var RemoveData
Var RemoveDataBox
Var RemoveDataValue

; ---------------------------------------------------------------- pages
!define MUI_ABORTWARNING
!if /FileExists "..\resources\icons\towncentre.ico"
  !define MUI_ICON "..\resources\icons\towncentre.ico"
  !define MUI_UNICON "..\resources\icons\towncentre.ico"
!endif
; "Start now" must not start the program as the administrator who installs it (the first-run wizard and
; exports would then run elevated and write files users cannot change): explorer.exe, already running
; as the signed-in user, starts it instead.
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION StartAsSignedInUser
!define MUI_FINISHPAGE_NOREBOOTSUPPORT

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
Page custom TasksPage TasksPageLeave
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.RemoveDataPage un.RemoveDataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the fallback; NSIS picks the one matching the Windows UI language.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString MsgNeed64 ${LANG_SIMPCHINESE} "${APP_TITLE} 需要 64 位 Windows 10 或更高版本。"
LangString MsgNeed64 ${LANG_ENGLISH} "${APP_TITLE} needs 64-bit Windows 10 or later."
LangString MsgRunning ${LANG_SIMPCHINESE} "${APP_TITLE} 正在运行，请先关闭所有窗口，再点“重试”。"
LangString MsgRunning ${LANG_ENGLISH} "${APP_TITLE} is running. Close it, then click Retry."
LangString MsgAclFailed ${LANG_SIMPCHINESE} "无法为数据目录设置权限（icacls 返回 $0），普通用户可能无法保存数据：$DataDir"
LangString MsgAclFailed ${LANG_ENGLISH} "Could not set permissions on the data folder (icacls returned $0); standard users may be unable to save: $DataDir"
LangString MsgCaFailed ${LANG_SIMPCHINESE} "无法复制县级中心 CA 证书：$CountyCa"
LangString MsgCaFailed ${LANG_ENGLISH} "Could not copy the county CA certificate: $CountyCa"
LangString MsgDataKept ${LANG_SIMPCHINESE} "数据目录已保留（数据库、日志、备份）：$DataDir"
LangString MsgDataKept ${LANG_ENGLISH} "The data folder was kept (database, logs, backups): $DataDir"
LangString MsgRemoveDataValue ${LANG_SIMPCHINESE} "/REMOVEDATA$RemoveDataValue 不是“删除数据”（只有 /REMOVEDATA 或 /REMOVEDATA=1 才删除）：数据目录保留。"
LangString MsgRemoveDataValue ${LANG_ENGLISH} "/REMOVEDATA$RemoveDataValue does not mean remove (only /REMOVEDATA or /REMOVEDATA=1 does): the data folder is kept."
LangString MsgDataRemoved ${LANG_SIMPCHINESE} "数据目录已删除：$DataDir"
LangString MsgDataRemoved ${LANG_ENGLISH} "The data folder was deleted: $DataDir"
LangString MsgDataInUse ${LANG_SIMPCHINESE} "数据目录中的文件正在使用（程序窗口、命令行或计划任务），没有卸载任何内容。请关闭它们后重试：$DataDir"
LangString MsgDataInUse ${LANG_ENGLISH} "Files in the data folder are in use (a window, the command line or a scheduled task); nothing was uninstalled. Close them and try again: $DataDir"
LangString RemoveDataTitle ${LANG_SIMPCHINESE} "数据"
LangString RemoveDataTitle ${LANG_ENGLISH} "Data"
LangString RemoveDataSubtitle ${LANG_SIMPCHINESE} "是否同时删除数据库、日志和备份"
LangString RemoveDataSubtitle ${LANG_ENGLISH} "Whether to delete the database, logs and backups too"
LangString RemoveDataText ${LANG_SIMPCHINESE} "数据目录 $DataDir 中有数据库、日志、备份和县级设置。默认保留，以后重新安装即可继续使用。$\r$\n$\r$\n如确实不再需要，请先把它复制到别处，再勾选下面一项。"
LangString RemoveDataText ${LANG_ENGLISH} "The data folder $DataDir holds the database, logs, backups and county settings. It is kept by default, so a later installation carries on with it.$\r$\n$\r$\nIf it is really no longer needed, copy it elsewhere first, then tick the box below."
LangString RemoveDataBox ${LANG_SIMPCHINESE} "同时删除全部数据（不可恢复）"
LangString RemoveDataBox ${LANG_ENGLISH} "Also delete all data (cannot be undone)"
LangString TasksTitle ${LANG_SIMPCHINESE} "计划任务"
LangString TasksTitle ${LANG_ENGLISH} "Scheduled tasks"
LangString TasksSubtitle ${LANG_SIMPCHINESE} "程序没有打开时的同步和每晚备份（可选）"
LangString TasksSubtitle ${LANG_ENGLISH} "Sync and the nightly backup while the program is closed (optional)"
LangString TasksText ${LANG_SIMPCHINESE} "任务以 Windows 账户 $TaskUser 的身份运行，并且只在该账户登录时运行。县级同步口令（towncentre-cli sync --set-token）和备份用的密码（towncentre-cli remember-password --user $BackupUser）须以同一账户保存。"
LangString TasksText ${LANG_ENGLISH} "The tasks run as the Windows account $TaskUser, only while it is signed in. Keep the county token (towncentre-cli sync --set-token) and the backup password (towncentre-cli remember-password --user $BackupUser) as that same account."
LangString TasksBox ${LANG_SIMPCHINESE} "注册计划任务：每 $SyncMinutes 分钟同步一次，每天 $BackupAt 备份"
LangString TasksBox ${LANG_ENGLISH} "Register scheduled tasks: sync every $SyncMinutes minutes, back up daily at $BackupAt"
LangString MsgTasksFailed ${LANG_SIMPCHINESE} "无法注册计划任务（schtasks 返回 $0），请按部署手册手工建立。"
LangString MsgTasksFailed ${LANG_ENGLISH} "Could not register the scheduled tasks (schtasks returned $0); create them by hand as the deployment guide says."

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APP_TITLE}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APP_TITLE} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "Town Centre Workbench"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "Town Centre Workbench Setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "${PUBLISHER}"

; ---------------------------------------------------------------- helpers

; $R0 = full path of an executable. Returns when it is not locked by a running process (or absent).
; A running program is never overwritten: interactive installs ask to close it and retry; silent ones
; stop with exit code 2.
!macro DEFINE_CHECK_NOT_RUNNING PREFIX
Function ${PREFIX}CheckNotRunning
  ${IfNot} ${FileExists} "$R0"
    Return
  ${EndIf}
  retry:
  ClearErrors
  FileOpen $R1 "$R0" a
  ${If} ${Errors}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(MsgRunning)" /SD IDCANCEL IDRETRY retry
    SetErrorLevel 2
    Quit
  ${EndIf}
  FileClose $R1
FunctionEnd
!macroend
!insertmacro DEFINE_CHECK_NOT_RUNNING ""
!insertmacro DEFINE_CHECK_NOT_RUNNING "un."

!macro CHECK_NOT_RUNNING PREFIX
  StrCpy $R0 "$INSTDIR\${GUI_EXE}"
  Call ${PREFIX}CheckNotRunning
  StrCpy $R0 "$INSTDIR\${CLI_EXE}"
  Call ${PREFIX}CheckNotRunning
!macroend

Function StartAsSignedInUser
  Exec '"$WINDIR\explorer.exe" "$INSTDIR\${GUI_EXE}"'
FunctionEnd

; County settings: towncentre-setup.ini beside the installer, then the command line over it.
Function ReadCountySettings
  StrCpy $CountyHub ""
  StrCpy $CountyTown ""
  StrCpy $CountyCa ""
  ${If} ${FileExists} "$EXEDIR\towncentre-setup.ini"
    ReadINIStr $CountyHub "$EXEDIR\towncentre-setup.ini" "county" "hub"
    ReadINIStr $CountyTown "$EXEDIR\towncentre-setup.ini" "county" "town"
    ReadINIStr $CountyCa "$EXEDIR\towncentre-setup.ini" "county" "ca"
    ; a relative CA path is relative to the ini file's folder
    ${If} $CountyCa != ""
    ${AndIfNot} ${FileExists} "$CountyCa"
      StrCpy $CountyCa "$EXEDIR\$CountyCa"
    ${EndIf}
  ${EndIf}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/HUB=" $R1
  ${IfNot} ${Errors}
    StrCpy $CountyHub $R1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/TOWN=" $R1
  ${IfNot} ${Errors}
    StrCpy $CountyTown $R1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/CA=" $R1
  ${IfNot} ${Errors}
    StrCpy $CountyCa $R1
  ${EndIf}
FunctionEnd

; Task Scheduler options (see the header); /TASKS=1 turns registration on.
Function ReadTaskSettings
  StrCpy $WantTasks 0
  ReadEnvStr $TaskUser USERNAME
  ReadEnvStr $R1 USERDOMAIN
  ${If} $R1 != ""
    StrCpy $TaskUser "$R1\$TaskUser"
  ${EndIf}
  StrCpy $TaskPassword ""
  StrCpy $SyncMinutes 30
  StrCpy $BackupUser "admin"
  StrCpy $BackupAt "21:30"
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/TASKS=" $R1
  ${IfNot} ${Errors}
  ${AndIf} $R1 == "1"
    StrCpy $WantTasks 1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/TASKUSER=" $R1
  ${IfNot} ${Errors}
  ${AndIf} $R1 != ""
    StrCpy $TaskUser $R1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/TASKPASSWORD=" $R1
  ${IfNot} ${Errors}
    StrCpy $TaskPassword $R1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/SYNCMIN=" $R1
  ${IfNot} ${Errors}
  ${AndIf} $R1 > 0
    IntOp $SyncMinutes $R1 + 0
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/BACKUPUSER=" $R1
  ${IfNot} ${Errors}
  ${AndIf} $R1 != ""
    StrCpy $BackupUser $R1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/BACKUPAT=" $R1
  ${IfNot} ${Errors}
  ${AndIf} $R1 != ""
    StrCpy $BackupAt $R1
  ${EndIf}
FunctionEnd

; Never as SYSTEM: the token and the remembered password live in the account's Credential Manager.
; With a password the task runs whether or not the account is signed in; without one only while it is
; (/IT: an interactive logon, which can read Credential Manager; /NP could not).
Function RegisterTasks
  ; A deployment tool running the installer as SYSTEM has USERNAME "PC-NAME$$": it must name the account.
  StrCpy $R5 $TaskUser 1 -1
  ${If} $R5 == "$$"
  ${OrIf} $TaskUser == ""
    StrCpy $0 "/TASKUSER="
    DetailPrint "schtasks: $0"
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(MsgTasksFailed)" /SD IDOK
    SetErrorLevel 5
    Return
  ${EndIf}
  ${If} $TaskPassword != ""
    StrCpy $R3 '/RU "$TaskUser" /RP "$TaskPassword"'
  ${Else}
    StrCpy $R3 '/RU "$TaskUser" /IT'
  ${EndIf}
  StrCpy $R4 '\"$DataDir\towncentre.db\"'
  nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /Create /F /TN "${TASK_SYNC}" /SC MINUTE /MO $SyncMinutes \
    /TR "\"$INSTDIR\${CLI_EXE}\" sync --once --db $R4" $R3'
  Pop $0
  ${If} $0 == "0"
    nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /Create /F /TN "${TASK_BACKUP}" /SC DAILY /ST $BackupAt \
      /TR "\"$INSTDIR\${CLI_EXE}\" backup --daily --user $BackupUser --db $R4" $R3'
    Pop $0
  ${EndIf}
  ${If} $0 != "0"
    DetailPrint "schtasks: $0"
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(MsgTasksFailed)" /SD IDOK
    SetErrorLevel 5
  ${EndIf}
FunctionEnd

Function TasksPage
  !insertmacro MUI_HEADER_TEXT "$(TasksTitle)" "$(TasksSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 48u "$(TasksText)"
  Pop $0
  ${NSD_CreateCheckbox} 0 56u 100% 12u "$(TasksBox)"
  Pop $TasksBox
  ${If} $WantTasks == 1
    ${NSD_Check} $TasksBox
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function TasksPageLeave
  ${NSD_GetState} $TasksBox $0
  ${If} $0 == ${BST_CHECKED}
    StrCpy $WantTasks 1
  ${Else}
    StrCpy $WantTasks 0
  ${EndIf}
FunctionEnd

; ---------------------------------------------------------------- install

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(MsgNeed64)" /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  ; $APPDATA for "all users" is C:\ProgramData, the folder desktop/paths.py uses (%PROGRAMDATA%).
  StrCpy $DataDir "$APPDATA\${APP_ID}"

  ; /DESKTOP=0 skips the desktop shortcut.
  StrCpy $WantDesktop 1
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DESKTOP=" $R1
  ${IfNot} ${Errors}
  ${AndIf} $R1 == "0"
    StrCpy $WantDesktop 0
  ${EndIf}

  ; Upgrade in place: reuse the folder of an earlier installation unless /D= named one, even the
  ; default folder. There is no InstallDir, so $INSTDIR is empty here unless /D= set it (comparing it
  ; with the default could not tell, and NSIS keeps /D= out of $CMDLINE).
  ; (InstallDirRegKey would read the 32-bit registry view, so this is done by hand after SetRegView.)
  ${If} $INSTDIR == ""
    ReadRegStr $R2 HKLM "${UNINST_KEY}" "InstallLocation"
    ${If} $R2 != ""
      StrCpy $INSTDIR $R2
    ${Else}
      StrCpy $INSTDIR "$PROGRAMFILES64\${APP_ID}"
    ${EndIf}
  ${EndIf}

  Call ReadCountySettings
  Call ReadTaskSettings
FunctionEnd

Section "!${APP_TITLE}" SecMain
  SectionIn RO
  !insertmacro CHECK_NOT_RUNNING ""

  ; Upgrade: drop the previous program files first, so modules or migration scripts that the new
  ; version no longer has do not linger (Alembic would see a stale versions\*.py). Only our own
  ; _internal folder, and only if our executable is there: never a user-chosen folder's contents.
  ${If} ${FileExists} "$INSTDIR\${GUI_EXE}"
    RMDir /r "$INSTDIR\_internal"
  ${EndIf}

  SetOutPath "$INSTDIR"
  File /r "${BUNDLE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  ; Data folder: the database, logs\ and backups\ live here and survive upgrades and uninstalls.
  CreateDirectory "$DataDir"
  CreateDirectory "$DataDir\logs"
  CreateDirectory "$DataDir\backups"
  ; Give the Users group Modify rights, inherited by new files and sub-folders, so every Windows
  ; account on the PC can open the shared database. Equivalent command for IT:
  ;     icacls "C:\ProgramData\TownCentre" /grant *S-1-5-32-545:(OI)(CI)M /T /C
  ; The AccessControl plugin is used when the build machine has it; otherwise icacls (built into
  ; Windows since Vista) through nsExec.
!if /FileExists "${NSISDIR}\Plugins\x86-unicode\AccessControl.dll"
  AccessControl::GrantOnFile "$DataDir" "(${USERS_SID})" "GenericRead + GenericWrite + GenericExecute + Delete"
  Pop $0
  ${If} $0 == "error"
    Pop $0
    DetailPrint "AccessControl: $0"
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(MsgAclFailed)" /SD IDOK
    SetErrorLevel 3  ; a silent roll-out must see it: the program is installed but users cannot save
  ${EndIf}
!else
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$DataDir" /grant *${USERS_SID}:(OI)(CI)M /T /C /Q'
  Pop $0
  ${If} $0 != "0"
    DetailPrint "icacls: $0"
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(MsgAclFailed)" /SD IDOK
    SetErrorLevel 3  ; a silent roll-out must see it: the program is installed but users cannot save
  ${EndIf}
!endif

  ; County settings for the program's first-run setup (see the header). Only values given are written.
  ${If} $CountyHub != ""
    WriteINIStr "$DataDir\county.ini" "county" "hub" "$CountyHub"
  ${EndIf}
  ${If} $CountyTown != ""
    WriteINIStr "$DataDir\county.ini" "county" "town" "$CountyTown"
  ${EndIf}
  ${If} $CountyCa != ""
    ClearErrors
    CopyFiles /SILENT "$CountyCa" "$DataDir\county-ca.pem"
    ${If} ${Errors}
    ${OrIfNot} ${FileExists} "$DataDir\county-ca.pem"
      DetailPrint "$(MsgCaFailed)"
      MessageBox MB_OK|MB_ICONEXCLAMATION "$(MsgCaFailed)" /SD IDOK
      SetErrorLevel 4
    ${Else}
      WriteINIStr "$DataDir\county.ini" "county" "ca" "$DataDir\county-ca.pem"
    ${EndIf}
  ${EndIf}

  ${If} $WantTasks == 1
    Call RegisterTasks
  ${EndIf}

  ; Shortcuts for all users.
  CreateShortcut "$SMPROGRAMS\${SHORTCUT}" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0
  ${If} $WantDesktop == 1
    CreateShortcut "$DESKTOP\${SHORTCUT}" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0
  ${Else}
    Delete "$DESKTOP\${SHORTCUT}"
  ${EndIf}

  ; "Apps & features" entry (64-bit registry view, set in .onInit).
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${APP_TITLE}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE},0"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"
  ; For IT scripts and for the program itself.
  WriteRegStr HKLM "${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${APP_KEY}" "DataDir" "$DataDir"
  WriteRegStr HKLM "${APP_KEY}" "Version" "${VERSION}"
SectionEnd

; ---------------------------------------------------------------- uninstall

Function un.onInit
  SetRegView 64
  SetShellVarContext all
  StrCpy $DataDir "$APPDATA\${APP_ID}"
  ; /REMOVEDATA: the silent counterpart of the checkbox below. GetOptions matches by prefix and returns
  ; the rest ("=0" for /REMOVEDATA=0), so only the bare switch or =1/=yes/=true removes the data; any
  ; other value (an IT person writing /REMOVEDATA=0 to mean "keep") keeps it, and the log says so.
  StrCpy $RemoveData 0
  StrCpy $RemoveDataValue ""
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/REMOVEDATA" $R1
  ${IfNot} ${Errors}
    ${If} $R1 == ""
    ${OrIf} $R1 == "=1"
    ${OrIf} $R1 == "=yes"
    ${OrIf} $R1 == "=true"
      StrCpy $RemoveData 1
    ${Else}
      StrCpy $RemoveDataValue $R1
    ${EndIf}
  ${EndIf}
FunctionEnd

Function un.RemoveDataPage
  !insertmacro MUI_HEADER_TEXT "$(RemoveDataTitle)" "$(RemoveDataSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 60u "$(RemoveDataText)"
  Pop $0
  ${NSD_CreateCheckbox} 0 68u 100% 12u "$(RemoveDataBox)"
  Pop $RemoveDataBox
  ${If} $RemoveData == 1
    ${NSD_Check} $RemoveDataBox
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function un.RemoveDataPageLeave
  ${NSD_GetState} $RemoveDataBox $0
  ${If} $0 == ${BST_CHECKED}
    StrCpy $RemoveData 1
  ${Else}
    StrCpy $RemoveData 0
  ${EndIf}
FunctionEnd

Section "Uninstall"
  !insertmacro CHECK_NOT_RUNNING "un."
  ${If} $RemoveDataValue != ""
    DetailPrint "$(MsgRemoveDataValue)"
  ${EndIf}

  ; Deleting the data: first move the folder aside. Windows refuses to rename a folder while a file in
  ; it is open (the database of another user's window, a scheduled task's log), so an open file stops
  ; the whole uninstall here, before anything was removed, instead of leaving half a data folder.
  ${If} $RemoveData == 1
  ${AndIf} ${FileExists} "$DataDir\*.*"
    RMDir /r "$DataDir.removing"  ; what an interrupted earlier removal left
    ClearErrors
    Rename "$DataDir" "$DataDir.removing"
    ${If} ${Errors}
      DetailPrint "$(MsgDataInUse)"
      MessageBox MB_OK|MB_ICONSTOP "$(MsgDataInUse)" /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${EndIf}

  ; The scheduled tasks (if /TASKS=1 registered them) would only fail without the program.
  nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /Delete /F /TN "${TASK_SYNC}"'
  Pop $0
  nsExec::ExecToLog '"$SYSDIR\schtasks.exe" /Delete /F /TN "${TASK_BACKUP}"'
  Pop $0

  Delete "$SMPROGRAMS\${SHORTCUT}"
  Delete "$DESKTOP\${SHORTCUT}"

  ; Only what the installer put there; RMDir without /r leaves a folder that still holds anything else.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"

  DeleteRegKey HKLM "${UNINST_KEY}"
  DeleteRegKey HKLM "${APP_KEY}"

  ; The data folder (towncentre.db, logs\, backups\) is the centre's records: kept unless asked.
  ${If} $RemoveData == 1
    RMDir /r "$DataDir.removing"
    DetailPrint "$(MsgDataRemoved)"
  ${Else}
    DetailPrint "$(MsgDataKept)"
  ${EndIf}
SectionEnd
