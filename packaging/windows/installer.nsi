; 计生协离线数据采集 — the Windows installer (NSIS 3, built by packaging/build-windows.sh).
;
; Two ways to install, chosen on the first page (or /PORTABLE on the command line):
;   本机安装  into the user's own programs folder (no administrator needed): Start-menu entry,
;            desktop shortcut, .fpab / .fpas opened by the program, an entry in 应用和功能.
;            The data lives in the user's folder (%LOCALAPPDATA%\jishengxie\fpa-offline).
;   便携版    onto a USB stick (the first removable drive is proposed): a `portable` marker beside
;            the program keeps the data in data\ beside it; nothing is written to this computer.
; The uninstaller removes the program and its registrations and keeps the data, in both cases.
;
; makensis -DSOURCE=<one-folder program> -DOUTFILE=<setup.exe> -DVERSION=<x.y.z> installer.nsi
; Silent: setup.exe /S [/PORTABLE] [/D=C:\path\without\quotes]   (/D last, as NSIS wants)

Target amd64-unicode  ; the program is 64-bit; a 64-bit installer also runs under wine64 alone
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include MUI2.nsh
!include nsDialogs.nsh
!include LogicLib.nsh
!include FileFunc.nsh

!ifndef SOURCE
  !error "makensis -DSOURCE=<the one-folder program> -DOUTFILE=<setup.exe> installer.nsi"
!endif
!ifndef OUTFILE
  !define OUTFILE "jishengxie-setup.exe"
!endif
!ifndef VERSION
  !define VERSION "0.1.0"
!endif

!define APPNAME "计生协离线数据采集"
!define PUBLISHER "计生协"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\jishengxie"
!define DATADIR "$LOCALAPPDATA\jishengxie\fpa-offline"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\jishengxie"
BrandingText "${APPNAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

Var Portable
Var LocalRadio
Var PortableRadio
Var Usb

!define MUI_ABORTWARNING
Page custom ModePage ModeLeave
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\jishengxie.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动${APPNAME}"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  StrCpy $Portable 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/PORTABLE" $R1
  ${IfNot} ${Errors}
    StrCpy $Portable 1
  ${EndIf}
FunctionEnd

; The first removable drive (a USB stick), for the portable choice.
Function FindUsb
  StrCpy $Usb $9
  Push "StopGetDrives"
FunctionEnd

Function ModePage
  !insertmacro MUI_HEADER_TEXT "安装方式" "装在这台电脑上，还是装到 U 盘随身带走？"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateRadioButton} 0 10u 100% 14u "安装到这台电脑（推荐）"
  Pop $LocalRadio
  ${NSD_CreateLabel} 12u 26u 95% 22u "在开始菜单和桌面放快捷方式，双击 .fpab 同步文件、.fpas 配置包即可用本程序打开。数据保存在您的用户文件夹中。"
  Pop $0
  ${NSD_CreateRadioButton} 0 56u 100% 14u "便携版：装到 U 盘"
  Pop $PortableRadio
  ${NSD_CreateLabel} 12u 72u 95% 30u "程序和数据都放在 U 盘上（程序旁边的 data 文件夹），插到任何一台电脑上都能直接运行，不在电脑上留下任何东西。请妥善保管 U 盘：数据库已加密，但仍需防止丢失。"
  Pop $0
  ${If} $Portable == 1
    ${NSD_Check} $PortableRadio
  ${Else}
    ${NSD_Check} $LocalRadio
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function ModeLeave
  ${NSD_GetState} $PortableRadio $0
  ${If} $0 == ${BST_CHECKED}
    StrCpy $Portable 1
    StrCpy $Usb ""
    ${GetDrives} "FDD" "FindUsb"
    ${If} $Usb != ""
      StrCpy $INSTDIR "$Usb计生协离线数据采集"
    ${Else}
      MessageBox MB_OK|MB_ICONINFORMATION "没有找到 U 盘。请插入 U 盘，或在下一步选择要安装到的文件夹。"
    ${EndIf}
  ${Else}
    StrCpy $Portable 0
    StrCpy $INSTDIR "$LOCALAPPDATA\Programs\jishengxie"
  ${EndIf}
FunctionEnd

!macro Associate EXT CLASS LABEL
  WriteRegStr HKCU "Software\Classes\${EXT}" "" "${CLASS}"
  WriteRegStr HKCU "Software\Classes\${CLASS}" "" "${LABEL}"
  WriteRegStr HKCU "Software\Classes\${CLASS}\DefaultIcon" "" "$INSTDIR\jishengxie.exe,0"
  WriteRegStr HKCU "Software\Classes\${CLASS}\shell\open\command" "" '"$INSTDIR\jishengxie.exe" "%1"'
!macroend

!macro Unassociate EXT CLASS
  ReadRegStr $0 HKCU "Software\Classes\${EXT}" ""
  ${If} $0 == "${CLASS}"
    DeleteRegKey HKCU "Software\Classes\${EXT}"
  ${EndIf}
  DeleteRegKey HKCU "Software\Classes\${CLASS}"
!macroend

Section "program"
  SetOutPath "$INSTDIR"
  File /r "${SOURCE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  ${If} $Portable == 1
    FileOpen $0 "$INSTDIR\portable" w
    FileWrite $0 "数据保存在本文件夹的 data 子文件夹中 / data lives in data\ beside the program$\r$\n"
    FileClose $0
    CreateDirectory "$INSTDIR\data"
  ${Else}
    Delete "$INSTDIR\portable"
    CreateDirectory "$SMPROGRAMS\${APPNAME}"
    CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\jishengxie.exe"
    CreateShortcut "$SMPROGRAMS\${APPNAME}\卸载${APPNAME}.lnk" "$INSTDIR\uninstall.exe"
    CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\jishengxie.exe"
    !insertmacro Associate ".fpab" "jishengxie.bundle" "计生协同步文件"
    !insertmacro Associate ".fpas" "jishengxie.setup" "计生协配置包"
    System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
    WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
    WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
    WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
    WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\jishengxie.exe"
    WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
    WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
    WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
    ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
    IntFmt $0 "0x%08X" $0
    WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
  ${EndIf}
SectionEnd

; Only what the installer put there goes; data\ (portable) and the user's data folder stay.
Section "Uninstall"
  StrCpy $Portable 0
  ${If} ${FileExists} "$INSTDIR\portable"
    StrCpy $Portable 1
  ${EndIf}
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\jishengxie.exe"
  Delete "$INSTDIR\fpa.exe"
  Delete "$INSTDIR\portable"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ${If} $Portable == 0
    Delete "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk"
    Delete "$SMPROGRAMS\${APPNAME}\卸载${APPNAME}.lnk"
    RMDir "$SMPROGRAMS\${APPNAME}"
    Delete "$DESKTOP\${APPNAME}.lnk"
    !insertmacro Unassociate ".fpab" "jishengxie.bundle"
    !insertmacro Unassociate ".fpas" "jishengxie.setup"
    System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
    DeleteRegKey HKCU "${UNINSTKEY}"
    DetailPrint "数据已保留在 ${DATADIR}"
  ${Else}
    DetailPrint "数据已保留在 $INSTDIR\data"
  ${EndIf}
SectionEnd
