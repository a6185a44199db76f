; Seatwatch (坐席值班长控制台) — the Windows installer (issue #19).
;
; Built by installer/make_setup.sh (Linux, a stand-in payload in the tests) and by
; .github/workflows/windows.yml (the real PyInstaller bundle):
;   makensis -WX -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DVERSION4=0.1.0.0
;            -DPAYLOAD=DIST/Seatwatch -DOUTFILE=Seatwatch-0.1.0-setup.exe installer/seatwatch.nsi
; PAYLOAD is the frozen folder: seatwatch.exe (console subsystem: the CLI and
; `service`), seatwatchw.exe (windowed: console | wallboard | director) and _internal\.
;
; What it does, and why:
; * per machine, into Program Files (64-bit view); an older version is upgraded in
;   place: its InstallLocation (HKLM uninstall key) is reused and its _internal\ is
;   removed first, so modules the new version dropped do not linger;
; * Start menu (all users): 值班长控制台, 大屏, 主任 and the uninstaller. These names
;   are the product's and stay Chinese whatever the installer's language, so the
;   uninstaller finds them again;
; * optionally the wall screen at logon: one shortcut in the ALL USERS Startup folder.
;   The wall PC is usually logged on with a kiosk or shift account, not the
;   administrator who installs, so a per-user Run key would start it for the wrong
;   person; the all-users folder starts it for whoever logs on there;
; * optionally the floor host as a scheduled task (not a Windows service: a true
;   service needs an SCM-aware binary, pywin32's servicemanager, which the bundle does
;   not ship; a task at system start that runs whether anyone is logged on, restarts
;   every minute after a failure and has no time limit does the same job). It runs as
;   the account the page names, because the database password lives in THAT account's
;   Credential Manager (keyring service "seatwatch") and the profile in its own
;   %LOCALAPPDATA%\Seatwatch\profiles.toml;
; * the uninstaller keeps each user's data and logs (%LOCALAPPDATA%\Seatwatch, see
;   models/db/engine.py data_dir/config_dir) unless its page's box is ticked; it
;   always removes the scheduled task and the Startup shortcut.

Unicode true
ManifestDPIAware true
RequestExecutionLevel admin
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is not defined: makensis -DVERSION=x.y.z (installer/make_setup.sh reads it from pyproject.toml)"
!endif
!ifndef VERSION4
  !error "VERSION4 is not defined: four numbers for the file's version resource, e.g. 0.1.0.0"
!endif
!ifndef PAYLOAD
  !error "PAYLOAD is not defined: the frozen Seatwatch folder (seatwatch.exe, seatwatchw.exe, _internal)"
!endif
!ifndef OUTFILE
  !define OUTFILE "Seatwatch-${VERSION}-setup.exe"
!endif

!define PRODUCT "坐席值班长控制台"
!define PRODUCT_EN "Seatwatch"
!define PUBLISHER "Seatwatch"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Seatwatch"
!define SETTINGS_KEY "Software\Seatwatch"
!define TASK_NAME "\Seatwatch\FloorHost"
!define STARTUP_LNK "坐席值班长大屏.lnk"
!define ICON "${__FILEDIR__}\..\resources\icons\seatwatch.ico"

Name "${PRODUCT}"
Caption "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Seatwatch"
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} ${VERSION} 安装程序"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "nsDialogs.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

; ---- state of the custom pages
Var Dialog
Var PrevDir          ; InstallLocation of the version already installed ("" = none)
Var WallBox
Var WallWanted       ; ${BST_CHECKED} or ${BST_UNCHECKED}
Var WallProfileBox
Var WallProfile      ; "" = the PC's own SQLite floor; else a saved connection profile
Var HostBox
Var HostAccountBox
Var HostPasswordBox
Var HostProfileBox
Var HostSourceBox
Var HostWanted
Var HostAccount
Var HostPassword     ; kept in memory only: handed to schtasks, written nowhere
Var HostProfile
Var HostSource       ; ami | sim | none
Var BadProfile       ; the refused profile name, for the message
Var TaskExisted      ; 1 when a floor host task was there before this install
Var UnDataBox
Var UnDeleteData

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_LANGDLL_REGISTRY_ROOT HKLM
!define MUI_LANGDLL_REGISTRY_KEY "${SETTINGS_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_FINISHPAGE_NOAUTOCLOSE

!insertmacro MUI_PAGE_WELCOME
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipDirectoryOnUpgrade
!insertmacro MUI_PAGE_DIRECTORY
Page custom WallPageShow WallPageLeave
Page custom HostPageShow HostPageLeave
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPageShow un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

; the first language is the default: Chinese first, English for an English Windows
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

!include "${__FILEDIR__}\lang.nsh"

; ---- helpers --------------------------------------------------------------------

; Push a text; pops 1 when it holds " < > & or a tab/line break, else 0.
Function HasBadChars
  Exch $0   ; the text
  Push $1   ; index
  Push $2   ; one character
  StrCpy $1 0
  loop:
    StrCpy $2 $0 1 $1
    StrCmp $2 "" clean
    StrCmp $2 '"' bad
    StrCmp $2 "<" bad
    StrCmp $2 ">" bad
    StrCmp $2 "&" bad
    StrCmp $2 "$\t" bad
    StrCmp $2 "$\r" bad
    StrCmp $2 "$\n" bad
    IntOp $1 $1 + 1
    Goto loop
  bad:
    StrCpy $0 1
    Goto done
  clean:
    StrCpy $0 0
  done:
  Pop $2
  Pop $1
  Exch $0
FunctionEnd

;  Push a profile name; pops 1 when models/db/engine.py check_profile_name would
; refuse it (empty, over 64 characters, a space at either end, a leading -, "://"),
; or when it holds what cannot stand in the task's XML or a quoted argument.
Function IsBadProfile
  Exch $0   ; the name
  Push $1
  Push $2
  Push $3
  Push $4
  StrLen $1 $0
  StrCpy $2 $0 1       ; first character
  StrCpy $3 $0 1 -1    ; last character
  Push $0
  Call HasBadChars
  Pop $4
  ${If} $1 == 0
  ${OrIf} $1 > 64
  ${OrIf} $4 == 1
  ${OrIf} $2 == " "
  ${OrIf} $3 == " "
  ${OrIf} $2 == "-"
    StrCpy $0 1
  ${Else}
    StrCpy $3 0          ; the answer
    StrCpy $4 0
    ${DoWhile} $4 < $1
      StrCpy $2 $0 3 $4
      ${If} $2 == "://"
        StrCpy $3 1
        ${Break}
      ${EndIf}
      IntOp $4 $4 + 1
    ${Loop}
    StrCpy $0 $3
  ${EndIf}
  Pop $4
  Pop $3
  Pop $2
  Pop $1
  Exch $0
FunctionEnd

; schtasks exit code of a query: 0 when the floor host task exists
!macro TASK_EXISTS OUT
  nsExec::ExecToStack '"$SYSDIR\schtasks.exe" /Query /TN "${TASK_NAME}"'
  Pop ${OUT}
  Pop $R9
!macroend

; ---- installer ------------------------------------------------------------------

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "$(MsgNeeds64)" /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  SetRegView 64
  ReadRegStr $PrevDir HKLM "${UNINST_KEY}" "InstallLocation"
  ${If} $PrevDir != ""
  ${AndIf} ${FileExists} "$PrevDir\*.*"
    StrCpy $INSTDIR $PrevDir   ; upgrade in place
  ${Else}
    StrCpy $PrevDir ""
  ${EndIf}
  StrCpy $WallWanted ${BST_UNCHECKED}
  SetShellVarContext all
  ${If} ${FileExists} "$SMSTARTUP\${STARTUP_LNK}"
    StrCpy $WallWanted ${BST_CHECKED}   ; keep the choice made last time
  ${EndIf}
  ReadRegStr $WallProfile HKLM "${SETTINGS_KEY}" "WallProfile"
  StrCpy $HostWanted ${BST_UNCHECKED}
  StrCpy $HostSource "ami"
FunctionEnd

Function SkipDirectoryOnUpgrade
  ; an upgrade goes where the older version is: no directory to choose
  ${If} $PrevDir != ""
    Abort
  ${EndIf}
FunctionEnd

Function WallPageShow
  !insertmacro MUI_HEADER_TEXT "$(WallTitle)" "$(WallSubtitle)"
  nsDialogs::Create 1018
  Pop $Dialog
  ${If} $Dialog == error
    Abort
  ${EndIf}
  ${NSD_CreateCheckbox} 0 0 100% 12u "$(WallCheck)"
  Pop $WallBox
  ${NSD_SetState} $WallBox $WallWanted
  ${NSD_OnClick} $WallBox WallToggled
  ${NSD_CreateLabel} 0 17u 40% 10u "$(WallProfile)"
  Pop $0
  ${NSD_CreateText} 42% 15u 57% 12u "$WallProfile"
  Pop $WallProfileBox
  ${NSD_CreateLabel} 0 35u 100% 50u "$(WallNote)"
  Pop $0
  Push $WallBox
  Call WallToggled
  nsDialogs::Show
FunctionEnd

Function WallToggled
  Pop $0
  ${NSD_GetState} $WallBox $1
  ${If} $1 == ${BST_CHECKED}
    EnableWindow $WallProfileBox 1
  ${Else}
    EnableWindow $WallProfileBox 0
  ${EndIf}
FunctionEnd

Function WallPageLeave
  ${NSD_GetState} $WallBox $WallWanted
  ${NSD_GetText} $WallProfileBox $WallProfile
  ${If} $WallWanted == ${BST_CHECKED}
  ${AndIf} $WallProfile != ""
    Push $WallProfile
    Call IsBadProfile
    Pop $0
    ${If} $0 == 1
      StrCpy $BadProfile $WallProfile
      MessageBox MB_OK|MB_ICONEXCLAMATION "$(BadProfile)"
      Abort
    ${EndIf}
  ${EndIf}
FunctionEnd

Function HostToggled
  Pop $0
  ${NSD_GetState} $HostBox $1
  ${If} $1 == ${BST_CHECKED}
    EnableWindow $HostAccountBox 1
    EnableWindow $HostPasswordBox 1
    EnableWindow $HostProfileBox 1
    EnableWindow $HostSourceBox 1
  ${Else}
    EnableWindow $HostAccountBox 0
    EnableWindow $HostPasswordBox 0
    EnableWindow $HostProfileBox 0
    EnableWindow $HostSourceBox 0
  ${EndIf}
FunctionEnd

Function HostPageShow
  !insertmacro MUI_HEADER_TEXT "$(HostTitle)" "$(HostSubtitle)"
  nsDialogs::Create 1018
  Pop $Dialog
  ${If} $Dialog == error
    Abort
  ${EndIf}
  ${NSD_CreateCheckbox} 0 0 100% 12u "$(HostCheck)"
  Pop $HostBox
  ${NSD_SetState} $HostBox $HostWanted
  ${NSD_OnClick} $HostBox HostToggled

  ${NSD_CreateLabel} 0 17u 40% 10u "$(HostAccount)"
  Pop $0
  ${NSD_CreateText} 42% 15u 57% 12u "$HostAccount"
  Pop $HostAccountBox
  ${NSD_CreateLabel} 0 32u 40% 10u "$(HostPassword)"
  Pop $0
  ${NSD_CreatePassword} 42% 30u 57% 12u "$HostPassword"
  Pop $HostPasswordBox
  ${NSD_CreateLabel} 0 47u 40% 10u "$(HostProfile)"
  Pop $0
  ${NSD_CreateText} 42% 45u 57% 12u "$HostProfile"
  Pop $HostProfileBox
  ${NSD_CreateLabel} 0 62u 40% 10u "$(HostSource)"
  Pop $0
  ${NSD_CreateDropList} 42% 60u 57% 40u ""
  Pop $HostSourceBox
  ${NSD_CB_AddString} $HostSourceBox "$(HostSourceAmi)"
  ${NSD_CB_AddString} $HostSourceBox "$(HostSourceSim)"
  ${NSD_CB_AddString} $HostSourceBox "$(HostSourceNone)"
  ${If} $HostSource == "sim"
    ${NSD_CB_SelectString} $HostSourceBox "$(HostSourceSim)"
  ${ElseIf} $HostSource == "none"
    ${NSD_CB_SelectString} $HostSourceBox "$(HostSourceNone)"
  ${Else}
    ${NSD_CB_SelectString} $HostSourceBox "$(HostSourceAmi)"
  ${EndIf}

  ${NSD_CreateLabel} 0 80u 100% 60u "$(HostNote)"
  Pop $0
  Push $HostBox
  Call HostToggled
  nsDialogs::Show
FunctionEnd

Function HostPageLeave
  ${NSD_GetState} $HostBox $HostWanted
  ${NSD_GetText} $HostAccountBox $HostAccount
  ${NSD_GetText} $HostPasswordBox $HostPassword
  ${NSD_GetText} $HostProfileBox $HostProfile
  ${NSD_GetText} $HostSourceBox $0
  ${If} $0 == "$(HostSourceSim)"
    StrCpy $HostSource "sim"
  ${ElseIf} $0 == "$(HostSourceNone)"
    StrCpy $HostSource "none"
  ${Else}
    StrCpy $HostSource "ami"
  ${EndIf}
  ${If} $HostWanted != ${BST_CHECKED}
    Return
  ${EndIf}
  ; one clear line naming the input and the reason; the page stays open
  ${If} $HostAccount == ""
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(HostNeedAccount)"
    Abort
  ${EndIf}
  Push $HostAccount
  Call HasBadChars
  Pop $0
  ${If} $0 == 1
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(HostBadAccount)"
    Abort
  ${EndIf}
  ${If} $HostPassword == ""
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(HostNeedPassword)"
    Abort
  ${EndIf}
  Push $HostProfile
  Call IsBadProfile
  Pop $0
  ${If} $0 == 1
    StrCpy $BadProfile $HostProfile
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(BadProfile)"
    Abort
  ${EndIf}
FunctionEnd

; Delete the programs, retrying while they are in use (a running console or wall).
Function RemoveOldPrograms
  retry:
  ; a running program's file cannot be opened for writing: ask before anything is
  ; deleted, so a Cancel leaves the older version whole
  ${ForEach} $1 0 1 + 1
    ${If} $1 == 0
      StrCpy $2 "$INSTDIR\seatwatchw.exe"
    ${Else}
      StrCpy $2 "$INSTDIR\seatwatch.exe"
    ${EndIf}
    ${If} ${FileExists} $2
      ClearErrors
      FileOpen $0 $2 a
      ${If} ${Errors}
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(MsgInUse)" /SD IDCANCEL IDRETRY retry
        SetErrorLevel 2
        Abort
      ${EndIf}
      FileClose $0
    ${EndIf}
  ${Next}
  ClearErrors
  ${If} ${FileExists} "$INSTDIR\seatwatchw.exe"
    Delete "$INSTDIR\seatwatchw.exe"
  ${EndIf}
  ${If} ${FileExists} "$INSTDIR\seatwatch.exe"
    Delete "$INSTDIR\seatwatch.exe"
  ${EndIf}
  ${If} ${Errors}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(MsgInUse)" /SD IDCANCEL IDRETRY retry
    SetErrorLevel 2
    Abort
  ${EndIf}
  ; stale modules of the old version (the new payload brings its own)
  RMDir /r "$INSTDIR\_internal"
  ${If} ${FileExists} "$INSTDIR\_internal\*.*"
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(MsgInUse)" /SD IDCANCEL IDRETRY retry
    SetErrorLevel 2
    Abort
  ${EndIf}
FunctionEnd

Function WriteHostTask
  DetailPrint "$(DetailTask)"
  ; Task Scheduler 1.2 XML, UTF-16 with a byte-order mark as schtasks /XML expects
  FileOpen $0 "$PLUGINSDIR\floorhost.xml" w
  FileWriteUTF16LE /BOM $0 '<?xml version="1.0" encoding="UTF-16"?>$\r$\n'
  FileWriteUTF16LE $0 '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">$\r$\n'
  FileWriteUTF16LE $0 '  <RegistrationInfo><Author>${PUBLISHER}</Author><Description>$(TaskDescription)</Description></RegistrationInfo>$\r$\n'
  FileWriteUTF16LE $0 '  <Triggers><BootTrigger><Enabled>true</Enabled></BootTrigger></Triggers>$\r$\n'
  FileWriteUTF16LE $0 '  <Principals><Principal id="Host"><UserId>$HostAccount</UserId><LogonType>Password</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>$\r$\n'
  FileWriteUTF16LE $0 '  <Settings>$\r$\n'
  FileWriteUTF16LE $0 '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>$\r$\n'
  FileWriteUTF16LE $0 '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>$\r$\n'
  FileWriteUTF16LE $0 '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>$\r$\n'
  FileWriteUTF16LE $0 '    <StartWhenAvailable>true</StartWhenAvailable>$\r$\n'
  FileWriteUTF16LE $0 '    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>$\r$\n'
  FileWriteUTF16LE $0 '    <IdleSettings><StopOnIdleEnd>false</StopOnIdleEnd><RestartOnIdle>false</RestartOnIdle></IdleSettings>$\r$\n'
  FileWriteUTF16LE $0 '    <AllowStartOnDemand>true</AllowStartOnDemand>$\r$\n'
  FileWriteUTF16LE $0 '    <Enabled>true</Enabled>$\r$\n'
  FileWriteUTF16LE $0 '    <Hidden>false</Hidden>$\r$\n'
  FileWriteUTF16LE $0 '    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>$\r$\n'
  FileWriteUTF16LE $0 '    <RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure>$\r$\n'
  FileWriteUTF16LE $0 '  </Settings>$\r$\n'
  FileWriteUTF16LE $0 '  <Actions Context="Host"><Exec>$\r$\n'
  FileWriteUTF16LE $0 '    <Command>$INSTDIR\seatwatch.exe</Command>$\r$\n'
  FileWriteUTF16LE $0 '    <Arguments>service --db "$HostProfile" --source $HostSource</Arguments>$\r$\n'
  FileWriteUTF16LE $0 '    <WorkingDirectory>$INSTDIR</WorkingDirectory>$\r$\n'
  FileWriteUTF16LE $0 '  </Exec></Actions>$\r$\n'
  FileWriteUTF16LE $0 '</Task>$\r$\n'
  FileClose $0
  ; the password goes on schtasks' command line only; nothing here prints that line
  nsExec::ExecToStack '"$SYSDIR\schtasks.exe" /Create /F /TN "${TASK_NAME}" /XML "$PLUGINSDIR\floorhost.xml" /RU "$HostAccount" /RP "$HostPassword"'
  Pop $0
  Pop $1
  StrCpy $HostPassword ""
  Delete "$PLUGINSDIR\floorhost.xml"
  ${If} $0 != 0
    DetailPrint "schtasks: $1"
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(MsgTaskFailed)" /SD IDOK
  ${Else}
    nsExec::ExecToStack '"$SYSDIR\schtasks.exe" /Run /TN "${TASK_NAME}"'
    Pop $0
    Pop $1
  ${EndIf}
FunctionEnd

Section "-Seatwatch" SecMain
  SetRegView 64
  SetShellVarContext all
  InitPluginsDir

  ; the floor host holds seatwatch.exe open: stop it while the files change
  !insertmacro TASK_EXISTS $0
  ${If} $0 == 0
    StrCpy $TaskExisted 1
    nsExec::ExecToStack '"$SYSDIR\schtasks.exe" /End /TN "${TASK_NAME}"'
    Pop $0
    Pop $1
  ${Else}
    StrCpy $TaskExisted 0
  ${EndIf}

  Call RemoveOldPrograms

  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Start menu (all users)
  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\值班长控制台.lnk" "$INSTDIR\seatwatchw.exe" "console" "$INSTDIR\seatwatchw.exe" 0
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\大屏.lnk" "$INSTDIR\seatwatchw.exe" "wallboard" "$INSTDIR\seatwatchw.exe" 0
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\主任.lnk" "$INSTDIR\seatwatchw.exe" "director" "$INSTDIR\seatwatchw.exe" 0
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\卸载${PRODUCT}.lnk" "$INSTDIR\uninstall.exe"

  ; the wall screen at logon (all users' Startup folder, see the top of this file)
  ${If} $WallWanted == ${BST_CHECKED}
    ${If} $WallProfile == ""
      StrCpy $0 "wallboard"
    ${Else}
      StrCpy $0 'wallboard --db "$WallProfile"'
    ${EndIf}
    CreateShortcut "$SMSTARTUP\${STARTUP_LNK}" "$INSTDIR\seatwatchw.exe" "$0" "$INSTDIR\seatwatchw.exe" 0
    WriteRegStr HKLM "${SETTINGS_KEY}" "WallProfile" "$WallProfile"
  ${Else}
    Delete "$SMSTARTUP\${STARTUP_LNK}"
    DeleteRegValue HKLM "${SETTINGS_KEY}" "WallProfile"
  ${EndIf}

  ; Add/Remove Programs
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\seatwatchw.exe,0"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" $0

  ${If} $HostWanted == ${BST_CHECKED}
    Call WriteHostTask
  ${ElseIf} $TaskExisted == 1
    ; an existing host keeps its account and password; start it again on the new files
    nsExec::ExecToStack '"$SYSDIR\schtasks.exe" /Run /TN "${TASK_NAME}"'
    Pop $0
    Pop $1
  ${EndIf}
SectionEnd

; ---- uninstaller ----------------------------------------------------------------

Function un.onInit
  SetRegView 64
  !insertmacro MUI_UNGETLANGUAGE
  StrCpy $UnDeleteData ${BST_UNCHECKED}
FunctionEnd

Function un.DataPageShow
  !insertmacro MUI_HEADER_TEXT "$(UnDataTitle)" "$(UnDataSubtitle)"
  nsDialogs::Create 1018
  Pop $Dialog
  ${If} $Dialog == error
    Abort
  ${EndIf}
  SetShellVarContext current   ; $LOCALAPPDATA of the user running the uninstaller
  ${NSD_CreateCheckbox} 0 0 100% 12u "$(UnDataCheck)"
  Pop $UnDataBox
  ${NSD_SetState} $UnDataBox $UnDeleteData
  ${NSD_CreateLabel} 0 20u 100% 50u "$(UnDataNote)"
  Pop $0
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $UnDataBox $UnDeleteData
FunctionEnd

Section "Uninstall"
  SetRegView 64
  SetShellVarContext all

  ; the floor host task and the wall at logon go with the program
  nsExec::ExecToStack '"$SYSDIR\schtasks.exe" /End /TN "${TASK_NAME}"'
  Pop $0
  Pop $1
  nsExec::ExecToStack '"$SYSDIR\schtasks.exe" /Delete /F /TN "${TASK_NAME}"'
  Pop $0
  Pop $1
  Delete "$SMSTARTUP\${STARTUP_LNK}"
  RMDir /r "$SMPROGRAMS\${PRODUCT}"

  retry:
  ClearErrors
  Delete "$INSTDIR\seatwatchw.exe"
  Delete "$INSTDIR\seatwatch.exe"
  ${If} ${Errors}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(MsgInUse)" /SD IDCANCEL IDRETRY retry
    SetErrorLevel 2
    Abort
  ${EndIf}
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ${If} $UnDeleteData == ${BST_CHECKED}
    SetShellVarContext current
    RMDir /r "$LOCALAPPDATA\Seatwatch"
    SetShellVarContext all
  ${EndIf}

  DeleteRegKey HKLM "${UNINST_KEY}"
  DeleteRegKey HKLM "${SETTINGS_KEY}"
SectionEnd
