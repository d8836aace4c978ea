// The button box's side of protocol 1 (shared/spec/button-box-protocol.md), as plain C++11
// with no Arduino headers, no heap and fixed buffers: the sketch feeds it bytes, pin states and
// millis(), and a host test feeds it the same from a script. Only <stdint.h>-style C headers,
// because avr-gcc ships no C++ standard library.
#ifndef HYMY_BOX_PROTOCOL_H
#define HYMY_BOX_PROTOCOL_H

#include <stdint.h>

namespace hymy {

// One ASCII digit per button in every line of the protocol, as the kiosk parses it.
const uint8_t kMaxButtons = 9;
// A kiosk line longer than this (line ending not counted) is garbage up to the next '\n'.
const uint8_t kMaxLineBytes = 64;
const uint16_t kMaxLightMs = 10000;
// A pin must hold a new state this long before it counts: contact bounce and a glitch on a
// long cable are shorter, and a phantom press would be stored as a child's answer.
const uint16_t kDebounceMs = 30;

// Receives one whole line, '\n' included. The sketch prints it to Serial, the test keeps it.
typedef void (*WriteLine)(void* context, const char* line);

class ButtonBox {
 public:
  // model and firmware must outlive the box (string literals) and contain no spaces.
  // buttons outside 1..kMaxButtons is clamped into it.
  ButtonBox(const char* model, const char* firmware, uint8_t buttons, WriteLine write,
            void* context);

  // Sends HELLO, as the protocol asks of a box that has just booted.
  void begin();

  // One byte from the kiosk; a complete line is answered at once.
  void receive(uint8_t byte, uint32_t nowMs);

  // The raw state of button (1-based) now; reports P/R once the state has held kDebounceMs.
  // The first sample of a button only sets its state, so a button held at boot is no press.
  void sample(uint8_t button, bool pressed, uint32_t nowMs);

  // Whether button's LED (1-based) should be lit now. Call it every loop: an LED is turned
  // off here once its time is up, which keeps the timer right across millis() wraparound.
  bool ledLit(uint8_t button, uint32_t nowMs);

  uint8_t buttons() const { return buttons_; }

 private:
  struct Debounce {
    bool known;     // sampled at least once
    bool reported;  // the state the kiosk was last told
    bool raw;       // the pin's state at the last sample
    uint32_t rawSinceMs;
  };
  struct Led {
    bool lit;
    uint32_t startMs;
    uint16_t durationMs;
  };

  void handleLine(char* line, uint8_t length, uint32_t nowMs);
  void sendHello();
  void sendButton(char kind, uint8_t button);
  void send(const char* line);

  const char* model_;
  const char* firmware_;
  uint8_t buttons_;
  WriteLine write_;
  void* context_;

  // The cap and one slot for a '\r' before the '\n', whose place the terminating NUL takes.
  char line_[kMaxLineBytes + 1];
  uint8_t lineLength_;
  bool discarding_;

  Debounce debounce_[kMaxButtons];
  Led leds_[kMaxButtons];
};

}  // namespace hymy

#endif  // HYMY_BOX_PROTOCOL_H
