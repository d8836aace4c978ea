#include "box_protocol.h"

#include <string.h>

namespace hymy {

namespace {

// The protocol's longest line plus '\n' and NUL: HELLO with the model and version we ship.
const uint8_t kOutBytes = kMaxLineBytes + 2;

// Appends text to out while it stays under limit bytes with its NUL: a model name too long is
// cut, never written past the buffer.
void append(char* out, const char* text, size_t limit) {
  size_t used = strlen(out);
  while (*text != '\0' && used + 1 < limit) {
    out[used++] = *text++;
  }
  out[used] = '\0';
}

// Canonical decimal only: digits, no sign, no leading zero. Stops reading once past max, so
// a long run of digits cannot overflow.
bool parseNumber(const char* text, uint16_t min, uint16_t max, uint16_t* value) {
  if (*text < '1' || *text > '9') {
    return false;
  }
  uint32_t result = 0;
  for (; *text != '\0'; ++text) {
    if (*text < '0' || *text > '9') {
      return false;
    }
    result = result * 10 + static_cast<uint32_t>(*text - '0');
    if (result > max) {
      return false;
    }
  }
  if (result < min) {
    return false;
  }
  *value = static_cast<uint16_t>(result);
  return true;
}

bool printable(const char* line, uint8_t length) {
  for (uint8_t i = 0; i < length; ++i) {
    if (line[i] < 0x20 || line[i] > 0x7e) {
      return false;
    }
  }
  return true;
}

// Splits line at every single space, in place. Returns how many tokens it found, up to max + 1
// ("too many"); an empty token (two spaces, or one at either end) counts, and so fails later.
uint8_t tokenize(char* line, char** tokens, uint8_t max) {
  uint8_t count = 0;
  char* start = line;
  for (char* p = line;; ++p) {
    if (*p == ' ' || *p == '\0') {
      const bool end = *p == '\0';
      if (count == max) {
        return max + 1;
      }
      *p = '\0';
      tokens[count++] = start;
      if (end) {
        return count;
      }
      start = p + 1;
    }
  }
}

}  // namespace

ButtonBox::ButtonBox(const char* model, const char* firmware, uint8_t buttons, WriteLine write,
                     void* context)
    : model_(model),
      firmware_(firmware),
      buttons_(buttons < 1 ? 1 : (buttons > kMaxButtons ? kMaxButtons : buttons)),
      write_(write),
      context_(context),
      lineLength_(0),
      discarding_(false) {
  memset(line_, 0, sizeof line_);
  memset(debounce_, 0, sizeof debounce_);
  memset(leds_, 0, sizeof leds_);
}

void ButtonBox::begin() { sendHello(); }

void ButtonBox::receive(uint8_t byte, uint32_t nowMs) {
  if (byte == '\n') {
    if (!discarding_) {
      uint8_t length = lineLength_;
      if (length > 0 && line_[length - 1] == '\r') {
        --length;
      }
      line_[length] = '\0';
      handleLine(line_, length, nowMs);
    }
    discarding_ = false;
    lineLength_ = 0;
    return;
  }
  if (discarding_) {
    return;
  }
  // A full line keeps room for one more byte only if it is the '\r' before the '\n'.
  if (lineLength_ > kMaxLineBytes || (lineLength_ == kMaxLineBytes && byte != '\r')) {
    discarding_ = true;
    lineLength_ = 0;
    send("ERR line too long\n");
    return;
  }
  line_[lineLength_++] = static_cast<char>(byte);
}

void ButtonBox::handleLine(char* line, uint8_t length, uint32_t nowMs) {
  // A bare newline is how a kiosk or a person at a terminal resynchronises after opening the
  // port; answering it would only put noise on the technician's page.
  if (length == 0) {
    return;
  }
  // Checked on the bytes, before C strings: "PING\0x" must not pass for PING.
  if (!printable(line, length)) {
    send("ERR bad command\n");
    return;
  }
  char* tokens[3];
  const uint8_t count = tokenize(line, tokens, 3);
  if (count == 1 && strcmp(tokens[0], "?") == 0) {
    sendHello();
    return;
  }
  if (count == 1 && strcmp(tokens[0], "PING") == 0) {
    send("PONG\n");
    return;
  }
  if (count != 3 || strcmp(tokens[0], "L") != 0) {
    send("ERR bad command\n");
    return;
  }
  uint16_t button = 0;
  uint16_t ms = 0;
  if (!parseNumber(tokens[1], 1, buttons_, &button)) {
    send("ERR bad button\n");
    return;
  }
  if (!parseNumber(tokens[2], 1, kMaxLightMs, &ms)) {
    send("ERR bad duration\n");
    return;
  }
  // A new L restarts the timer rather than extending it: the latest acknowledgement wins.
  Led& led = leds_[button - 1];
  led.lit = true;
  led.startMs = nowMs;
  led.durationMs = ms;
}

void ButtonBox::sample(uint8_t button, bool pressed, uint32_t nowMs) {
  if (button < 1 || button > buttons_) {
    return;
  }
  Debounce& d = debounce_[button - 1];
  if (!d.known) {
    d.known = true;
    d.reported = pressed;
    d.raw = pressed;
    d.rawSinceMs = nowMs;
    return;
  }
  if (pressed != d.raw) {
    d.raw = pressed;
    d.rawSinceMs = nowMs;
  }
  // Unsigned subtraction: right across the millis() wraparound.
  if (d.raw != d.reported && static_cast<uint32_t>(nowMs - d.rawSinceMs) >= kDebounceMs) {
    d.reported = d.raw;
    sendButton(d.reported ? 'P' : 'R', button);
  }
}

bool ButtonBox::ledLit(uint8_t button, uint32_t nowMs) {
  if (button < 1 || button > buttons_) {
    return false;
  }
  Led& led = leds_[button - 1];
  // Elapsed time by unsigned subtraction, never a stored deadline compared with now: a deadline
  // past 2^32 wraps to a small number and would look long gone.
  if (led.lit && static_cast<uint32_t>(nowMs - led.startMs) >= led.durationMs) {
    led.lit = false;
  }
  return led.lit;
}

void ButtonBox::sendHello() {
  char out[kOutBytes] = "HELLO ";
  const char count[] = {' ', static_cast<char>('0' + buttons_), '\n', '\0'};
  // The identity may be cut, the count and the '\n' never are.
  const size_t identityLimit = kOutBytes - (sizeof count - 1);
  append(out, model_, identityLimit);
  append(out, " ", identityLimit);
  append(out, firmware_, identityLimit);
  append(out, count, kOutBytes);
  send(out);
}

void ButtonBox::sendButton(char kind, uint8_t button) {
  const char out[] = {kind, ' ', static_cast<char>('0' + button), '\n', '\0'};
  send(out);
}

void ButtonBox::send(const char* line) {
  if (write_ != 0) {
    write_(context_, line);
  }
}

}  // namespace hymy
