// The update run inside the Windows VM: the Windows Update Agent's own COM API (Microsoft.Update.Session, part of
// every Windows), searched, downloaded and installed one update at a time so that progress can be told. The QEMU
// guest agent runs it as LocalSystem, which the agent API allows (it refuses remote sessions, not local ones).
// Progress goes to a log file in the guest as `::progress N/TOTAL label` lines (nix-mox's progress protocol);
// the result is one JSON line on stdout.

export const PROGRESS_FILE = 'C:\\Windows\\Temp\\nix-mox-windows-update.log';

/** IUpdateInstaller/IInstallationResult ResultCode (OperationResultCode). */
export const RESULT_CODES: Record<number, string> = {
  0: 'not started',
  1: 'in progress',
  2: 'succeeded',
  3: 'succeeded with errors',
  4: 'failed',
  5: 'aborted',
};

export const UPDATE_SCRIPT = `$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$log = '${PROGRESS_FILE}'
function Say([string]$text) { Add-Content -LiteralPath $log -Value $text -Encoding UTF8 }
Set-Content -LiteralPath $log -Value '::step searching for updates' -Encoding UTF8
$session = New-Object -ComObject Microsoft.Update.Session
$session.ClientApplicationID = 'nix-mox'
$found = $session.CreateUpdateSearcher().Search("IsInstalled=0 and Type='Software' and IsHidden=0").Updates
$total = $found.Count
Say "found $total update(s)"
$results = @()
$reboot = $false
$i = 0
foreach ($u in $found) {
  $i++
  if (-not $u.EulaAccepted) { $u.AcceptEula() }
  $one = New-Object -ComObject Microsoft.Update.UpdateColl
  [void]$one.Add($u)
  Say "::progress $($i - 1)/$total downloading $($u.Title)"
  $downloader = $session.CreateUpdateDownloader()
  $downloader.Updates = $one
  [void]$downloader.Download()
  Say "::progress $($i - 1)/$total installing $($u.Title)"
  $installer = $session.CreateUpdateInstaller()
  $installer.Updates = $one
  $r = $installer.Install()
  if ($r.RebootRequired) { $reboot = $true }
  $results += [ordered]@{ title = $u.Title; kb = ($u.KBArticleIDs -join ','); result = [int]$r.ResultCode }
  Say "::progress $i/$total $($u.Title): result $([int]$r.ResultCode)"
}
if ((New-Object -ComObject Microsoft.Update.SystemInfo).RebootRequired) { $reboot = $true }
Say '::step done'
[ordered]@{ found = $total; rebootRequired = $reboot; updates = @($results) } | ConvertTo-Json -Compress -Depth 4
`;

/** The last lines of the progress file (read in the guest while the update runs). */
export const PROGRESS_SCRIPT = `if (Test-Path -LiteralPath '${PROGRESS_FILE}') { Get-Content -LiteralPath '${PROGRESS_FILE}' -Encoding UTF8 }`;

/** powershell.exe -EncodedCommand takes the script as base64 of its UTF-16LE bytes: no quoting on any side. */
export function encodedCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

export function powershellArgv(script: string): string[] {
  return [
    'powershell.exe',
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand',
    encodedCommand(script),
  ];
}
