; Inno Setup 6 script: Community Desk's Windows installer, built around the PyInstaller folder.
;
;     pyinstaller --noconfirm packaging\community-desk.spec
;     iscc /DAppVersion=0.1.0 packaging\windows\community-desk.iss
;
; (.github/workflows/release.yml does both, with the version read from app/__init__.py.)
; Writes dist\community-desk-VERSION-windows-x64-setup.exe.
;
; The install is per user and asks for no administrator rights: a shop owner's computer is often
; one where they are not the administrator, and the app only ever needs their own files. Someone
; who is an administrator can still choose "for all users" in the first dialog.
; Uninstalling removes the program, never the workspace (%LOCALAPPDATA%\community-desk): the
; database holds the shop's history, and reinstalling must find it again.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=0.1.0 packaging\windows\community-desk.iss
#endif
; VersionInfoVersion takes up to four numbers only; pass /DVersionNumbers=0.1.0.0 for a
; version such as 0.2.0rc1.
#ifndef VersionNumbers
  #define VersionNumbers AppVersion
#endif
; Paths are relative to this script's folder (packaging\windows), where Inno Setup resolves them.
#ifndef DistDir
  #define DistDir "..\..\dist\community-desk"
#endif
; Rendered from resources\icons\app.svg by packaging\icons.py (the spec runs it).
#ifndef IconFile
  #define IconFile "..\..\build\icons\community-desk.ico"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

#define AppName "Community Desk"
#define AppExe "community-desk.exe"
#define Publisher "Community Desk developers"
#define Homepage "https://github.com/community-desk/community-desk"

[Setup]
; The identity of the installation: never change it, or upgrades install beside the old copy.
AppId={{D77969F0-7AD4-4686-9B14-9D2C472FD8E1}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#Publisher}
AppPublisherURL={#Homepage}
AppSupportURL={#Homepage}/issues
AppCopyright=MIT License
VersionInfoVersion={#VersionNumbers}
VersionInfoProductVersion={#VersionNumbers}
VersionInfoProductName={#AppName}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoDescription={#AppName} Setup
VersionInfoCompany={#Publisher}
VersionInfoCopyright=MIT License
; Per user, no UAC prompt: {autopf} is then %LOCALAPPDATA%\Programs, {autoprograms} the user's
; Start menu. "dialog" lets an administrator install for every user instead.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
LicenseFile=..\..\LICENSE
OutputDir={#OutputDir}
OutputBaseFilename=community-desk-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The bundle is 64-bit Python and Qt.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 supports Windows 10 and later.
MinVersion=10.0
; The app may be running in the tray: ask it to close (Restart Manager) before replacing files.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[CustomMessages]
; This file is UTF-8 with a byte-order mark, so every Inno Setup 6 reads the Japanese right.
english.AppComment=Answer every mention of your shop from one inbox
japanese.AppComment=お店へのメンションにひとつの受信箱から返信

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle: community-desk.exe (windowed), community-desk-cli.exe (the same
; program with a console, for scripts and Task Scheduler) and _internal\.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundle's libraries wholesale: files a newer version no longer ships
; must not linger next to the new ones and be loaded by mistake.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent
