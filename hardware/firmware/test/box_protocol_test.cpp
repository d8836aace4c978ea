// Host test of the box's protocol core: scripted bytes, pin states and clock in, lines out.
// Built by hardware/firmware.test.ts with g++ and the address and UB sanitizers; exits non-zero
// when a check fails, and prints one summary line either way.
#include <stdio.h>
#include <string.h>

#include <string>

#include "box_protocol.h"

namespace {

int checks = 0;
int failures = 0;

#define CHECK(cond)                                                         \
  do {                                                                      \
    ++checks;                                                               \
    if (!(cond)) {                                                          \
      ++failures;                                                           \
      fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__, \
              currentTest, #cond);                                          \
    }                                                                       \
  } while (0)

#define CHECK_OUT(box, expected)                                                          \
  do {                                                                                    \
    ++checks;                                                                             \
    const std::string actual_ = (box).take();                                             \
    if (actual_ != (expected)) {                                                          \
      ++failures;                                                                         \
      fprintf(stderr, "%s:%d: %s: expected output \"%s\", got \"%s\"\n", __FILE__,        \
              __LINE__, currentTest, escape(expected).c_str(), escape(actual_).c_str()); \
    }                                                                                     \
  } while (0)

const char* currentTest = "";

std::string escape(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

// A box as the sketch builds it, with Serial replaced by a string.
struct TestBox {
  std::string output;
  hymy::ButtonBox box;

  explicit TestBox(uint8_t buttons = 4) : box("HYMY-BOX", "1.0.0", buttons, collect, this) {}

  static void collect(void* context, const char* line) {
    static_cast<TestBox*>(context)->output += line;
  }

  void send(const std::string& bytes, uint32_t nowMs) {
    for (size_t i = 0; i < bytes.size(); ++i) {
      box.receive(static_cast<uint8_t>(bytes[i]), nowMs);
    }
  }

  // Samples every button each millisecond from fromMs to toMs, as the sketch's loop does.
  void hold(const bool* pressed, uint32_t fromMs, uint32_t toMs) {
    for (uint32_t t = fromMs;; ++t) {
      for (uint8_t b = 1; b <= box.buttons(); ++b) {
        box.sample(b, pressed[b - 1], t);
      }
      if (t == toMs) {
        return;
      }
    }
  }

  std::string take() {
    const std::string out = output;
    output.clear();
    return out;
  }
};

const bool kNone[hymy::kMaxButtons] = {false};
const bool kFirst[hymy::kMaxButtons] = {true};
const bool kSecond[hymy::kMaxButtons] = {false, true};
const bool kFirstAndThird[hymy::kMaxButtons] = {true, false, true};

void helloOnBootAndOnQuestion() {
  currentTest = "HELLO on boot and on ?";
  TestBox t;
  CHECK_OUT(t, "");
  t.box.begin();
  CHECK_OUT(t, "HELLO HYMY-BOX 1.0.0 4\n");
  t.send("?\n", 10);
  CHECK_OUT(t, "HELLO HYMY-BOX 1.0.0 4\n");
  t.send("?\r\n", 20);
  CHECK_OUT(t, "HELLO HYMY-BOX 1.0.0 4\n");

  TestBox three(3);
  three.box.begin();
  CHECK_OUT(three, "HELLO HYMY-BOX 1.0.0 3\n");
}

void pingAndLineEndings() {
  currentTest = "PING and line endings";
  TestBox t;
  t.send("PING\n", 0);
  CHECK_OUT(t, "PONG\n");
  t.send("PING\r\n", 0);
  CHECK_OUT(t, "PONG\n");
  // Bytes may arrive one read at a time; the line is answered at its '\n' only.
  t.send("PI", 0);
  CHECK_OUT(t, "");
  t.send("NG\nPING\n", 1);
  CHECK_OUT(t, "PONG\nPONG\n");
  // A bare newline resynchronises and is not answered.
  t.send("\n\r\n", 2);
  CHECK_OUT(t, "");
}

void unknownCommands() {
  currentTest = "unknown and malformed commands";
  TestBox t;
  const char* bad[] = {"ping", "PING ", " PING", "PONG", "?x", "? ", "HELLO", "P 1", "L",
                       "PI\rNG", "\r\r", "x"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    t.send(std::string(bad[i]) + "\n", 0);
    CHECK_OUT(t, "ERR bad command\n");
  }
  // A NUL must not cut the line short into a valid command.
  t.send(std::string("PING\0x\n", 7), 0);
  CHECK_OUT(t, "ERR bad command\n");
  t.send("\xff\n", 0);
  CHECK_OUT(t, "ERR bad command\n");
  // Still answering afterwards.
  t.send("PING\n", 0);
  CHECK_OUT(t, "PONG\n");
}

void lightLightsAndExpires() {
  currentTest = "L lights and expires on time";
  TestBox t;
  t.send("L 2 500\n", 1000);
  CHECK_OUT(t, "");
  CHECK(t.box.ledLit(2, 1000));
  CHECK(!t.box.ledLit(1, 1000));
  CHECK(!t.box.ledLit(3, 1000));
  CHECK(t.box.ledLit(2, 1499));
  CHECK(!t.box.ledLit(2, 1500));
  CHECK(!t.box.ledLit(2, 1501));

  t.send("L 4 10000\n", 2000);
  CHECK(t.box.ledLit(4, 11999));
  CHECK(!t.box.ledLit(4, 12000));

  t.send("L 1 1\n", 20000);
  CHECK(t.box.ledLit(1, 20000));
  CHECK(!t.box.ledLit(1, 20001));

  // Out of range asks are never lit and never crash.
  CHECK(!t.box.ledLit(0, 20000));
  CHECK(!t.box.ledLit(5, 20000));
  CHECK(!t.box.ledLit(200, 20000));
}

void lightAcrossWraparound() {
  currentTest = "L across the millis() wraparound";
  TestBox t;
  const uint32_t start = 0xFFFFFF00u;  // 256 ms before millis() wraps to 0
  t.send("L 3 1000\n", start);
  CHECK(t.box.ledLit(3, start));
  CHECK(t.box.ledLit(3, 0xFFFFFFFFu));
  CHECK(t.box.ledLit(3, 0));
  CHECK(t.box.ledLit(3, start + 999u));  // 743 after the wrap
  CHECK(!t.box.ledLit(3, start + 1000u));
  CHECK(!t.box.ledLit(3, 5000));
}

void lightRestarts() {
  currentTest = "a new L restarts the LED";
  TestBox t;
  t.send("L 1 1000\n", 0);
  t.send("L 1 1000\n", 800);
  CHECK(t.box.ledLit(1, 1500));
  CHECK(t.box.ledLit(1, 1799));
  CHECK(!t.box.ledLit(1, 1800));

  t.send("L 1 5000\n", 10000);
  t.send("L 1 100\n", 10010);
  CHECK(t.box.ledLit(1, 10109));
  CHECK(!t.box.ledLit(1, 10110));

  // Lit again after it went out.
  t.send("L 1 50\n", 20000);
  CHECK(t.box.ledLit(1, 20049));
  CHECK_OUT(t, "");
}

void lightValidation() {
  currentTest = "L validation";
  struct Case {
    const char* line;
    const char* answer;
  };
  const Case cases[] = {
      {"L 0 500", "ERR bad button\n"},      {"L 5 500", "ERR bad button\n"},
      {"L 9 500", "ERR bad button\n"},      {"L 10 500", "ERR bad button\n"},
      {"L 01 500", "ERR bad button\n"},     {"L +1 500", "ERR bad button\n"},
      {"L -1 500", "ERR bad button\n"},     {"L x 500", "ERR bad button\n"},
      {"L 1x 500", "ERR bad button\n"},     {"L 1 0", "ERR bad duration\n"},
      {"L 1 10001", "ERR bad duration\n"},  {"L 1 99999999999999999999", "ERR bad duration\n"},
      {"L 1 +500", "ERR bad duration\n"},   {"L 1 -500", "ERR bad duration\n"},
      {"L 1 0500", "ERR bad duration\n"},   {"L 1 500ms", "ERR bad duration\n"},
      {"L 1 5.0", "ERR bad duration\n"},    {"L 1 abc", "ERR bad duration\n"},
      {"L 1 500 7", "ERR bad command\n"},   {"L  1 500", "ERR bad command\n"},
      {"L 1  500", "ERR bad command\n"},    {"L 1 500 ", "ERR bad command\n"},
      {" L 1 500", "ERR bad command\n"},    {"L 1", "ERR bad command\n"},
      {"L1 500", "ERR bad command\n"},      {"l 1 500", "ERR bad command\n"},
      {"L\t1\t500", "ERR bad command\n"},   {"L 1 500\r\r", "ERR bad command\n"},
  };
  TestBox t;
  // LED 1 lit until 5000 and LED 2 dark: no bad line may change either.
  t.send("L 1 5000\n", 0);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
    // In "L 1 500\r\r\n" only the last '\r' is a line ending; the first is part of the line.
    t.send(std::string(cases[i].line) + "\n", 100);
    ++checks;
    const std::string answer = t.take();
    if (answer != cases[i].answer) {
      ++failures;
      fprintf(stderr, "%s: \"%s\": expected \"%s\", got \"%s\"\n", currentTest,
              escape(cases[i].line).c_str(), escape(cases[i].answer).c_str(),
              escape(answer).c_str());
    }
  }
  CHECK(t.box.ledLit(1, 4999));
  CHECK(!t.box.ledLit(1, 5000));
  for (uint8_t b = 2; b <= 4; ++b) {
    CHECK(!t.box.ledLit(b, 100));
  }
}

void lineLengthCap() {
  currentTest = "64-byte line cap";
  TestBox t;
  const std::string sixtyFour(64, 'x');
  // No command is that long: what shows the line was kept is that the parser answered it.
  t.send(sixtyFour + "\n", 0);
  CHECK_OUT(t, "ERR bad command\n");
  t.send(sixtyFour + "\r\n", 0);
  CHECK_OUT(t, "ERR bad command\n");

  const std::string sixtyFive(65, 'x');
  t.send(sixtyFive + "\n", 0);
  CHECK_OUT(t, "ERR line too long\n");
  t.send("PING\n", 0);
  CHECK_OUT(t, "PONG\n");

  // 64 bytes, a '\r' that is not the line's end, then more: too long.
  t.send(sixtyFour + "\rx\n", 0);
  CHECK_OUT(t, "ERR line too long\n");
  t.send(sixtyFour + "\r\r\n", 0);
  CHECK_OUT(t, "ERR line too long\n");

  // A long line is one fault however long, and a command hidden in its tail is not run.
  t.send(std::string(1000, 'y') + "PING\n", 0);
  CHECK_OUT(t, "ERR line too long\n");
  t.send(std::string(70, 'z') + "L 1 500\n", 0);
  CHECK_OUT(t, "ERR line too long\n");
  CHECK(!t.box.ledLit(1, 0));
  t.send("L 1 500\n?\n", 0);
  CHECK_OUT(t, "HELLO HYMY-BOX 1.0.0 4\n");
  CHECK(t.box.ledLit(1, 0));
}

void bouncePressAndRelease() {
  currentTest = "bounce gives one press and one release";
  TestBox t;
  t.hold(kNone, 0, 100);
  CHECK_OUT(t, "");
  // Chatter for 20 ms: closed and open on alternate milliseconds, then closed.
  for (uint32_t ms = 100; ms < 120; ++ms) {
    t.box.sample(1, ms % 2 == 0, ms);
  }
  t.hold(kFirst, 120, 149);
  CHECK_OUT(t, "");  // not yet steady for 30 ms
  t.hold(kFirst, 150, 400);
  CHECK_OUT(t, "P 1\n");
  // Release with its own chatter.
  for (uint32_t ms = 400; ms < 420; ++ms) {
    t.box.sample(1, ms % 3 == 0, ms);
  }
  t.hold(kNone, 420, 700);
  CHECK_OUT(t, "R 1\n");

  // A glitch shorter than the debounce time (a spark, a long cable) is no press.
  t.hold(kFirst, 701, 720);
  t.hold(kNone, 721, 900);
  CHECK_OUT(t, "");

  // Sampled less often than every millisecond, a steady press is still one P.
  t.box.sample(2, true, 1000);
  t.box.sample(2, true, 1040);
  t.box.sample(2, true, 1080);
  CHECK_OUT(t, "P 2\n");
}

void twoButtonsTogether() {
  currentTest = "two buttons pressed together";
  TestBox t;
  t.hold(kNone, 0, 10);
  t.hold(kFirstAndThird, 11, 100);
  CHECK_OUT(t, "P 1\nP 3\n");
  t.hold(kNone, 101, 200);
  CHECK_OUT(t, "R 1\nR 3\n");

  // Overlapping: 1 down, 2 down, 1 up, 2 up.
  t.hold(kFirst, 201, 300);
  const bool both[hymy::kMaxButtons] = {true, true};
  t.hold(both, 301, 400);
  t.hold(kSecond, 401, 500);
  t.hold(kNone, 501, 600);
  CHECK_OUT(t, "P 1\nP 2\nR 1\nR 2\n");
}

void heldAtBootIsNoPress() {
  currentTest = "a button held at boot is no press";
  TestBox t;
  t.box.begin();
  CHECK_OUT(t, "HELLO HYMY-BOX 1.0.0 4\n");
  t.hold(kFirst, 0, 200);
  CHECK_OUT(t, "");
  t.hold(kNone, 201, 300);
  CHECK_OUT(t, "R 1\n");
  t.hold(kFirst, 301, 400);
  CHECK_OUT(t, "P 1\n");
}

void debounceAcrossWraparound() {
  currentTest = "debounce across the millis() wraparound";
  TestBox t;
  t.box.sample(4, false, 0xFFFFFFF0u);
  t.box.sample(4, true, 0xFFFFFFF8u);
  t.box.sample(4, true, 0xFFFFFFFFu);
  t.box.sample(4, true, 10);  // 18 ms after the change
  CHECK_OUT(t, "");
  t.box.sample(4, true, 22);  // 30 ms after the change
  CHECK_OUT(t, "P 4\n");
}

void buttonsOutOfRange() {
  currentTest = "samples of buttons the box has not are ignored";
  TestBox t(3);
  t.box.sample(0, false, 0);
  t.box.sample(4, false, 0);
  t.box.sample(0, true, 100);
  t.box.sample(4, true, 100);
  t.box.sample(255, true, 100);
  CHECK_OUT(t, "");
  t.send("L 4 500\n", 0);
  CHECK_OUT(t, "ERR bad button\n");
}

void fiveButtons() {
  currentTest = "a five-button box";
  TestBox t(5);
  t.box.begin();
  CHECK_OUT(t, "HELLO HYMY-BOX 1.0.0 5\n");
  t.send("L 5 300\n", 0);
  CHECK_OUT(t, "");
  CHECK(t.box.ledLit(5, 299));
  t.send("L 6 300\n", 0);
  CHECK_OUT(t, "ERR bad button\n");
  t.box.sample(5, false, 0);
  t.box.sample(5, true, 1);
  t.box.sample(5, true, 31);
  CHECK_OUT(t, "P 5\n");
}

}  // namespace

int main() {
  helloOnBootAndOnQuestion();
  pingAndLineEndings();
  unknownCommands();
  lightLightsAndExpires();
  lightAcrossWraparound();
  lightRestarts();
  lightValidation();
  lineLengthCap();
  bouncePressAndRelease();
  twoButtonsTogether();
  heldAtBootIsNoPress();
  debounceAcrossWraparound();
  buttonsOutOfRange();
  fiveButtons();

  if (failures > 0) {
    printf("box_protocol_test: %d of %d checks failed\n", failures, checks);
    return 1;
  }
  printf("box_protocol_test: %d checks passed\n", checks);
  return 0;
}
