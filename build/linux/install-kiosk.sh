#!/usr/bin/env bash
# Turns a Debian 12 or Raspberry Pi OS Bookworm machine (Lite or Desktop) into a Hymy kiosk that
# boots straight into the app for the dedicated user hymy. Run as root; safe to run again (an
# update of the app: run it again with the newer .deb).
#
#   sudo ./install-kiosk.sh [--dry-run] hymy_<version>_<arch>.deb
#
# --dry-run prints every step it would take and changes nothing.
# HYMY_BIN: the app's binary (default /usr/bin/hymy, the .deb's link to /opt/Hymy/hymy).
# For tests only: HYMY_KIOSK_OS_RELEASE, HYMY_KIOSK_EUID (see kiosk-common.sh),
# HYMY_KIOSK_PI_CMDLINE and HYMY_KIOSK_GRUB_DEFAULT (the boot files that get consoleblank=0).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=kiosk-common.sh
. "$HERE/kiosk-common.sh"

usage() {
  say "usage: sudo $0 [--dry-run] PATH/TO/hymy_<version>_<arch>.deb"
}

DEB=''
for arg in "$@"; do
  case $arg in
    --dry-run) DRY_RUN=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    -*)
      usage >&2
      die "unknown option: $arg"
      ;;
    *)
      [[ -z $DEB ]] || die "one .deb only (got '$DEB' and '$arg')"
      DEB=$arg
      ;;
  esac
done
HYMY_BIN=${HYMY_BIN:-/usr/bin/hymy}

[[ $DRY_RUN -eq 1 ]] && say 'Dry run: nothing on this machine will be changed.'
require_root "$@"
require_supported_os

# --- The package -----------------------------------------------------------------------------
[[ -n $DEB ]] || {
  usage >&2
  die 'the Hymy .deb is missing from the command line'
}
[[ -f $DEB ]] || die "no such file: $DEB"
DEB=$(cd "$(dirname "$DEB")" && pwd)/$(basename "$DEB")
deb_package=$(dpkg-deb --field "$DEB" Package 2>/dev/null) || die "not a .deb package: $DEB"
deb_arch=$(dpkg-deb --field "$DEB" Architecture)
deb_version=$(dpkg-deb --field "$DEB" Version)
machine_arch=$(dpkg --print-architecture)
[[ $deb_package == hymy ]] || die "$DEB is the package '$deb_package', not hymy"
if [[ $deb_arch != "$machine_arch" && $deb_arch != all ]]; then
  die "$DEB is for $deb_arch, this machine is $machine_arch: copy the hymy_${deb_version}_${machine_arch}.deb"
fi
say "Package: hymy $deb_version ($deb_arch)"

step 'Installing the app, cage (the kiosk compositor) and what the session needs'
run env DEBIAN_FRONTEND=noninteractive apt-get update
# kbd gives chvt; libpam-systemd registers the session with logind, which hands cage the seat.
run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  cage kbd libpam-systemd
run env DEBIAN_FRONTEND=noninteractive apt-get install -y "$DEB"
if [[ $DRY_RUN -eq 0 && ! -x $HYMY_BIN ]]; then
  die "the app is not at $HYMY_BIN after installing $DEB: set HYMY_BIN=/path/to/hymy and run again"
fi

# --- The user --------------------------------------------------------------------------------
step "The kiosk user $KIOSK_USER (no password, no sudo, no login shell)"
if id -u "$KIOSK_USER" >/dev/null 2>&1; then
  say "  user $KIOSK_USER exists"
else
  run useradd --system --user-group --create-home --home-dir "$KIOSK_HOME" \
    --shell /usr/sbin/nologin --comment 'Hymy kiosk' "$KIOSK_USER"
fi
# Locked password: nobody logs in as hymy, the kiosk service needs no password.
run passwd --lock "$KIOSK_USER"
groups_present=()
for group in "${KIOSK_GROUPS[@]}"; do
  if getent group "$group" >/dev/null; then
    groups_present+=("$group")
  else
    say "  no group $group on this system: skipped"
  fi
done
if [[ ${#groups_present[@]} -gt 0 ]]; then
  run usermod --append --groups "$(
    IFS=,
    printf '%s' "${groups_present[*]}"
  )" "$KIOSK_USER"
fi
for group in sudo adm; do
  if id -nG "$KIOSK_USER" 2>/dev/null | tr ' ' '\n' | grep -qx "$group"; then
    run gpasswd --delete "$KIOSK_USER" "$group"
  fi
done
run install -d -o "$KIOSK_USER" -g "$KIOSK_USER" -m 0700 "$KIOSK_HOME"

step "The data dir $KIOSK_DATA_DIR (settings, unsent answers; kept on updates)"
run install -d -o "$KIOSK_USER" -g "$KIOSK_USER" -m 0700 "$KIOSK_DATA_DIR"

# --- The button box --------------------------------------------------------------------------
step 'The udev rule for the button box (group dialout, name /dev/hymy-box)'
run install -m 0644 -o root -g root "$HERE/99-hymy-button-box.rules" "$KIOSK_UDEV_RULE_PATH"
run udevadm control --reload-rules
run udevadm trigger --subsystem-match=tty --action=add

# --- The kiosk service -----------------------------------------------------------------------
step "The kiosk service on tty1 ($KIOSK_SERVICE: cage runs $HYMY_BIN as $KIOSK_USER, Restart=always)"
run install -m 0644 -o root -g root "$HERE/hymy-kiosk.pam" "$KIOSK_PAM_PATH"
run install -m 0644 -o root -g root "$HERE/hymy-kiosk.service" "$KIOSK_UNIT_PATH"
if [[ -e $KIOSK_DEFAULTS_PATH ]]; then
  say "  kept $KIOSK_DEFAULTS_PATH (a technician's settings)"
else
  write_file "$KIOSK_DEFAULTS_PATH" 0644 <<EOF
# Hymy kiosk: what a technician may tune. After a change: sudo systemctl restart hymy-kiosk
HYMY_BIN=$HYMY_BIN
# cage: -d no window decorations; -s lets Ctrl+Alt+F2 reach a login prompt (drop it to forbid).
HYMY_CAGE_FLAGS="-d -s"
HYMY_ELECTRON_FLAGS=--ozone-platform=wayland
EOF
fi
run systemctl daemon-reload
# tty1 belongs to the kiosk: no login prompt (nor Raspberry Pi OS's autologin of its first user).
run systemctl mask getty@tty1.service
# Ctrl+Alt+Del at a login prompt would reboot the terminal.
run systemctl mask ctrl-alt-del.target
# On a Desktop image the display manager would take the screen; remember it for uninstall.
dm_link=/etc/systemd/system/display-manager.service
if [[ -L $dm_link ]]; then
  dm=$(basename "$(readlink "$dm_link")")
  if [[ ! -e $KIOSK_STATE_DIR/display-manager ]]; then
    printf '%s\n' "$dm" | write_file "$KIOSK_STATE_DIR/display-manager" 0644
  fi
  run systemctl disable "$dm"
else
  say '  no desktop display manager enabled'
fi
run systemctl enable "$KIOSK_SERVICE"

# --- Awake, and not rebootable from a keyboard -----------------------------------------------
step 'Screen blanking off'
pi_cmdline=${HYMY_KIOSK_PI_CMDLINE:-}
if [[ -z $pi_cmdline ]]; then
  for candidate in /boot/firmware/cmdline.txt /boot/cmdline.txt; do
    if [[ -f $candidate ]]; then
      pi_cmdline=$candidate
      break
    fi
  done
fi
grub_default=${HYMY_KIOSK_GRUB_DEFAULT:-/etc/default/grub}
if [[ -n $pi_cmdline && -f $pi_cmdline ]]; then
  consoleblank_off_pi "$pi_cmdline"
  say "  Raspberry Pi OS: raspi-config's Display Options > Screen Blanking is for its desktop;"
  say '  the kiosk does not run that desktop, so it needs no change there.'
elif [[ -f $grub_default ]]; then
  consoleblank_off_grub "$grub_default" && run update-grub
else
  say '  WARNING: no /boot/firmware/cmdline.txt and no /etc/default/grub: add consoleblank=0 to'
  say '  the kernel command line by hand.'
fi
say '  The console: consoleblank=0 (from the next boot). The kiosk: cage never blanks or powers'
say '  the screen down by itself, and the app holds a powerSaveBlocker while it runs.'
write_file "$KIOSK_SYSCTL_PATH" 0644 <<'EOF'
# Hymy kiosk: no Magic SysRq, so a keyboard cannot reboot or kill the kiosk (Alt+SysRq+B).
kernel.sysrq = 0
EOF

step 'Done'
if [[ $DRY_RUN -eq 1 ]]; then
  say 'Dry run finished: nothing was changed.'
else
  say "The kiosk starts at the next boot: sudo reboot"
  say "Its log: journalctl -u hymy-kiosk. The data dir: $KIOSK_DATA_DIR."
fi
