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
;   4 installed but the CA file given could not be copied.
;
; Layout on the target machine:
;   $PROGRAMFILES64\TownCentre         the program (replaced on every upgrade, removed on uninstall)
;   C:\ProgramData\TownCentre          data: towncentre.db, logs\, backups\ — writable by the Users
;                                      group, NEVER removed by this installer or its uninstaller

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

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include x64.nsh

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
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
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
FunctionEnd

Section "Uninstall"
  !insertmacro CHECK_NOT_RUNNING "un."

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

  ; The data folder (towncentre.db, logs\, backups\) is user data: it is never deleted here.
  ; To remove it too, delete C:\ProgramData\TownCentre by hand after making a copy.
  DetailPrint "$(MsgDataKept)"
SectionEnd
