import { barChartPng } from "../../../server/src/brief/bar-chart-png";
import { decodePng as decode } from "../../support/png-reader";

describe("the Word brief's bar charts", () => {
  it("draws each bar in its colour, its length its fraction of the width", () => {
    const image = decode(
      barChartPng(
        [
          { fraction: 1, colour: "#1f6fb2" },
          { fraction: 0.25, colour: "#b2371f" },
        ],
        200,
      ),
    );
    expect(image.width).toBe(200);
    expect(image.height).toBe(2 * 36 + 8);
    const middleOf = (bar: number) => 8 + bar * 36 + 14;
    expect(image.pixel(190, middleOf(0))).toBe("1f6fb2");
    expect(image.pixel(40, middleOf(1))).toBe("b2371f");
    expect(image.pixel(120, middleOf(1))).toBe("ffffff");
  });

  it("draws an empty chart, and bars outside 0–1 clamped", () => {
    expect(decode(barChartPng([], 100)).height).toBe(44);
    const image = decode(
      barChartPng(
        [
          { fraction: 7, colour: "#000000" },
          { fraction: -1, colour: "#000000" },
        ],
        100,
      ),
    );
    expect(image.pixel(93, 8 + 14)).toBe("000000");
    expect(image.pixel(20, 8 + 36 + 14)).toBe("ffffff");
  });
});
