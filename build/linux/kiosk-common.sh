# shellcheck shell=bash
# The constants below are read by the scripts that source this file.
# shellcheck disable=SC2034
# Shared by install-kiosk.sh and uninstall-kiosk.sh (sourced, never run on its own).
# Every change to the machine goes through run/write_file/append_line, so `--dry-run` prints the
# whole plan and changes nothing. Reads (id, getent, grep) run in a dry run too: the plan is for
# this machine.

readonly KIOSK_USER=hymy
readonly KIOSK_DATA_DIR=/var/lib/hymy
readonly KIOSK_HOME=/home/hymy
readonly KIOSK_SERVICE=hymy-kiosk.service
readonly KIOSK_UNIT_PATH=/etc/systemd/system/hymy-kiosk.service
readonly KIOSK_PAM_PATH=/etc/pam.d/hymy-kiosk
readonly KIOSK_DEFAULTS_PATH=/etc/default/hymy-kiosk
readonly KIOSK_SYSCTL_PATH=/etc/sysctl.d/90-hymy-kiosk.conf
readonly KIOSK_STATE_DIR=/etc/hymy-kiosk
readonly KIOSK_UDEV_RULE_PATH=/etc/udev/rules.d/99-hymy-button-box.rules
# The groups the kiosk user joins: dialout for the box's serial port; video, render and input
# for cage's display and touch screen (logind hands them over too, the groups are a fallback).
readonly KIOSK_GROUPS=(dialout video render input)

DRY_RUN=0

say() { printf '%s\n' "$*"; }
step() { printf '\n==> %s\n' "$*"; }
die() {
  printf 'hymy-kiosk: %s\n' "$*" >&2
  exit 1
}

# The command as a technician would type it: arguments with spaces or quotes in single quotes.
shown() {
  local arg out=''
  for arg in "$@"; do
    if [[ $arg =~ [[:space:]\"\'\$] ]]; then
      arg="'${arg//\'/\'\\\'\'}'"
    fi
    out+="${out:+ }$arg"
  done
  printf '%s' "$out"
}

# Runs a command, or in a dry run prints it.
run() {
  if [[ $DRY_RUN -eq 1 ]]; then
    printf '  would run: %s\n' "$(shown "$@")"
  else
    printf '  + %s\n' "$(shown "$@")"
    "$@"
  fi
}

# Like run, for undoing what may not be there: a failure is reported and the script goes on.
run_tolerant() {
  if [[ $DRY_RUN -eq 1 ]]; then
    run "$@"
  elif ! run "$@"; then
    say "  (that failed; going on)"
  fi
}

# write_file PATH MODE: writes stdin to PATH (root-owned) with MODE, or in a dry run prints it.
write_file() {
  local path=$1 mode=$2 content
  content=$(cat)
  if [[ $DRY_RUN -eq 1 ]]; then
    printf '  would write %s (mode %s):\n' "$path" "$mode"
    printf '%s\n' "$content" | sed 's/^/    | /'
  else
    printf '  + write %s (mode %s)\n' "$path" "$mode"
    install -d -m 0755 "$(dirname "$path")"
    printf '%s\n' "$content" >"$path.hymy-new"
    chmod "$mode" "$path.hymy-new"
    mv -f "$path.hymy-new" "$path"
  fi
}

# The effective uid. HYMY_KIOSK_EUID lets tests pretend: it may always say "not root", but it
# may say "root" only in a dry run, so it can never make a real run skip the check.
effective_uid() {
  local real
  real=$(id -u)
  if [[ -n ${HYMY_KIOSK_EUID:-} ]] && [[ $DRY_RUN -eq 1 || $HYMY_KIOSK_EUID != 0 ]]; then
    printf '%s\n' "$HYMY_KIOSK_EUID"
  else
    printf '%s\n' "$real"
  fi
}

require_root() {
  if [[ $(effective_uid) != 0 ]]; then
    die "must run as root: sudo $0 $*"
  fi
}

# os_field NAME: the value of NAME in os-release (HYMY_KIOSK_OS_RELEASE for tests), unquoted.
os_field() {
  local file=${HYMY_KIOSK_OS_RELEASE:-/etc/os-release}
  [[ -r $file ]] || return 0
  sed -n "s/^$1=//p" "$file" | head -n 1 | tr -d "\"'"
}

# Debian 12 and Raspberry Pi OS Bookworm (ID=raspbian on 32-bit, ID=debian on 64-bit) only: the
# unit and the package names are checked against Bookworm's systemd 252 and cage 0.1.4.
require_supported_os() {
  local id version codename name
  id=$(os_field ID)
  version=$(os_field VERSION_ID)
  codename=$(os_field VERSION_CODENAME)
  name=$(os_field PRETTY_NAME)
  if [[ ($id == debian || $id == raspbian) && ($version == 12 || $codename == bookworm) ]]; then
    say "System: ${name:-$id $version}"
    return 0
  fi
  die "unsupported system '${name:-unknown}': this script supports Debian 12 and Raspberry Pi OS Bookworm only"
}

has_consoleblank() { grep -Eq '(^|[[:space:]"])consoleblank=0([[:space:]"]|$)' "$1"; }

# Raspberry Pi: cmdline.txt is one line, and the option goes at its end.
consoleblank_off_pi() {
  if has_consoleblank "$1"; then
    say "  $1 has consoleblank=0"
  else
    run sed -i '1 s/[[:space:]]*$/ consoleblank=0/' "$1"
  fi
}

# Debian with GRUB: into GRUB_CMDLINE_LINUX_DEFAULT. Returns 1 when nothing changed, so the
# caller runs update-grub only after a change.
consoleblank_off_grub() {
  if has_consoleblank "$1"; then
    say "  $1 has consoleblank=0"
    return 1
  elif grep -q '^GRUB_CMDLINE_LINUX_DEFAULT=' "$1"; then
    run sed -i -E \
      's/^GRUB_CMDLINE_LINUX_DEFAULT="(.*)"/GRUB_CMDLINE_LINUX_DEFAULT="\1 consoleblank=0"/' "$1"
  else
    run sed -i -e '$a GRUB_CMDLINE_LINUX_DEFAULT="consoleblank=0"' "$1"
  fi
}
