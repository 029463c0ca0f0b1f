// Browser test: a requester asks for a traveller, accepts an offer and gets the PIN, then watches the traveller's positions arrive live on the tracking map until delivery.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser, textOf, url, type BrowserSession } from "./browser";

const baseUrl = inject("baseUrl");
const testTimeoutMs = 90_000;
// Shorter than the test timeout so a missing element fails with Playwright's message, not a bare timeout.
const stepTimeoutMs = 30_000;

const runId = `${Date.now()}-${randomUUID().slice(0, 8)}`;
const password = "correct horse battery staple";
const itemTitle = `E2E camera ${runId}`;
const requester = { displayName: `Requester ${runId.slice(-8)}`, email: `e2e-crowdship-requester-${runId}@example.com` };
const traveler = { displayName: `Traveller ${runId.slice(-8)}`, email: `e2e-crowdship-traveler-${runId}@example.com` };
const berlin = { city: "Berlin", country: "DE", lat: 52.52, lng: 13.405 };
const dubai = { city: "Dubai", country: "AE", lat: 25.2048, lng: 55.2708 };
// Two stops on the way, far enough from Berlin to count as departed.
const munich = { lat: 48.1351, lng: 11.582 };
const istanbul = { lat: 41.0082, lng: 28.9784 };
const hourMs = 3_600_000;

interface Money {
  amount: number;
  currency: string;
}

let browser: BrowserSession | undefined;
let page: Page;
let travelerToken = "";
let requesterToken = "";
let tripId = "";
let requestId = "";
let shipmentId = "";
let offerPrice: Money = { amount: 0, currency: "USD" };
let pin = "";

/** The API as each party's own client would call it; the traveller works only through it. */
async function callApi<T>(method: string, path: string, { token, body, headers = {} }: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: {
      Accept: "application/json",
      ...headers,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function callOk<T>(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const response = await callApi<T>(method, path, options);
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

async function register(person: { displayName: string; email: string }): Promise<string> {
  const session = await callOk<{ accessToken: string }>("POST", "/v1/auth/register", { body: { email: person.email, password, displayName: person.displayName } });
  return session.accessToken;
}

const postPosition = (position: { lat: number; lng: number }) =>
  callOk<{ accepted: number }>("POST", `/v1/shipments/${shipmentId}/positions`, { token: travelerToken, body: { positions: [{ ...position, at: new Date().toISOString() }] } });

beforeAll(async () => {
  travelerToken = await register(traveler);
  await callOk("POST", "/v1/me/roles", { token: travelerToken, body: { role: "traveler" } });
  const now = Date.now();
  const trip = await callOk<{ id: string }>("POST", "/v1/trips", {
    token: travelerToken,
    body: { from: berlin, to: dubai, departAt: new Date(now + 24 * hourMs).toISOString(), arriveAt: new Date(now + 30 * hourMs).toISOString(), capacityKg: 10 },
  });
  tripId = trip.id;

  // The requester has money in the wallet to hold, for both requests, the reward and the item's price when accepting.
  requesterToken = await register(requester);
  await callOk("POST", "/v1/wallet/deposits", {
    token: requesterToken,
    headers: { "Idempotency-Key": randomUUID() },
    body: { amount: { amount: 60_000, currency: "USD" }, paymentMethod: "pm_card_visa" },
  });

  browser = await openBrowser({ stepTimeoutMs });
  page = browser.page;
}, testTimeoutMs);

afterAll(async () => {
  await browser?.close();
});

const header = () => page.getByRole("banner");
const polled = (read: () => Promise<unknown>) => expect.poll(read, { timeout: stepTimeoutMs });
// The value beside a term in a details list (a <dd> after its <dt>).
const detail = (term: string) => page.locator(`dt:text-is("${term}") + dd`);
const milestones = () => page.getByRole("list", { name: "Milestones" }).getByRole("listitem");
const milestoneNames = async () => (await milestones().locator(".timeline-status").allTextContents()).map((text) => text.trim());
const courierMarker = () => page.locator("svg .map-courier");
const markerX = async () => Number(await courierMarker().getAttribute("cx"));

describe("a requester ships with a traveller and follows the delivery live", { timeout: testTimeoutMs }, () => {
  it("the requester signs in and asks for a traveller from Berlin to Dubai", async () => {
    await page.goto(url("/sign-in"));
    await page.getByLabel("Email").fill(requester.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await header().getByRole("link", { name: requester.displayName }).waitFor();

    await header().getByRole("link", { name: "Crowdship" }).click();
    await page.getByRole("heading", { name: "Crowdship", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Ship with a traveller" }).first().click();

    const form = page.getByRole("form", { name: "Ship with a traveller" });
    await form.getByLabel("Item").fill(itemTitle);
    await form.getByLabel("Weight (kg)").fill("1.2");
    await form.getByLabel("Declared value").fill("300.00");
    const from = form.getByRole("group", { name: "Pick up in" });
    await from.getByRole("combobox", { name: "Choose a city" }).selectOption({ label: "Berlin, Germany" });
    expect(await from.getByLabel("Latitude").inputValue()).toBe("52.52");
    await form.getByRole("group", { name: "Deliver to" }).getByRole("combobox", { name: "Choose a city" }).selectOption({ label: "Dubai, United Arab Emirates" });
    await form.getByRole("button", { name: "Find travellers" }).click();

    await page.waitForURL(/\/crowdship\/requests\/shr_[A-Za-z0-9]+$/);
    requestId = new URL(page.url()).pathname.split("/").at(-1)!;
    expect(await textOf(page.getByRole("heading", { level: 1 }))).toBe(itemTitle);
    expect(await textOf(page.locator(".badge-request-open"))).toBe("Open");
  });

  it("shows the traveller's trip as a match with its quote, delivery estimate and on-time odds", async () => {
    const match = page.getByRole("list", { name: "Matching trips" }).getByRole("listitem").filter({ hasText: traveler.displayName });
    expect(await textOf(match.getByRole("heading"))).toBe(`${traveler.displayName} · Berlin → Dubai`);
    expect(await textOf(match.locator('dt:text-is("Quote") + dd'))).toMatch(/^\$\d+\.\d\d$/);
    expect(await textOf(match.locator('dt:text-is("On time") + dd'))).toMatch(/^\d{1,3}% likely$/);
    expect(await textOf(match.locator('dt:text-is("Estimated delivery") + dd'))).not.toBe("");
  });

  it("the traveller sees the request on their trip and offers the quote; the requester sees it against the quote", async () => {
    const matches = await callOk<{ items: { request: { id: string }; quote: Money }[] }>("GET", `/v1/trips/${tripId}/requests`, { token: travelerToken });
    const match = matches.items.find((item) => item.request.id === requestId);
    expect(match).toBeDefined();
    offerPrice = match!.quote;
    await callOk("POST", `/v1/shipment-requests/${requestId}/offers`, { token: travelerToken, body: { tripId, price: offerPrice, pickupPlan: "At Berlin Hauptbahnhof, Friday evening", message: "Flying Emirates, plenty of room." } });

    await page.getByRole("button", { name: "Check for new offers" }).click();
    const offer = page.getByRole("list", { name: "Offers" }).getByRole("listitem");
    await polled(() => offer.count()).toBe(1);
    const price = `$${(offerPrice.amount / 100).toFixed(2)}`;
    expect((await textOf(offer.locator(".offer-price"))).replace(/\s+/g, " ")).toBe(`${price} (at the quote of ${price}) Open`);
    expect(await textOf(offer.getByText(/^Pickup:/))).toBe("Pickup: At Berlin Hauptbahnhof, Friday evening");
  });

  it("accepting holds the price with an Idempotency-Key and shows the 6-digit PIN once, with the rule for giving it", async () => {
    const price = `$${(offerPrice.amount / 100).toFixed(2)}`;
    await page.getByRole("button", { name: `Accept ${price}` }).click();
    const accepted = page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname.endsWith("/accept"));
    await page.getByRole("button", { name: "Yes, accept" }).click();

    const response = await accepted;
    expect(response.status()).toBe(201);
    expect(response.request().headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    const pinPanel = page.getByRole("region", { name: "Your delivery PIN" });
    pin = await textOf(pinPanel.locator(".pin-code"));
    expect(pin).toMatch(/^\d{6}$/);
    expect(await textOf(pinPanel.getByText("Give this PIN to the traveller only when you have the item in your hands."))).toBe(
      "Give this PIN to the traveller only when you have the item in your hands.",
    );
    await polled(() => textOf(page.locator(".badge-request-accepted"))).toBe("Accepted");
  });

  it("opens the live tracking page: waiting for pickup, origin and destination on the map, no position yet", async () => {
    await page.getByRole("link", { name: "Track the shipment" }).click();
    await page.waitForURL(/\/shipments\/shp_[A-Za-z0-9]+$/);
    shipmentId = new URL(page.url()).pathname.split("/").at(-1)!;
    expect(await textOf(page.getByRole("heading", { level: 1 }))).toBe(itemTitle);
    expect(await textOf(detail("Status"))).toBe("Waiting for pickup");
    expect(await textOf(detail("Last position"))).toBe("None yet");
    await polled(() => textOf(page.locator(".live-indicator"))).toBe("Live");
    const map = page.getByRole("img", { name: /^Map\. From Berlin to Dubai\./ });
    expect(await map.locator(".map-place text").allTextContents()).toEqual(["Berlin", "Dubai"]);
    expect(await courierMarker().count()).toBe(0);
    // Set once; a reload would lose it, so it proves the updates below arrive without one.
    await page.evaluate(() => Object.assign(window, { e2eSamePage: true }));
  });

  it("the traveller picks up and posts positions: the page shows each one live, the marker moves east and the departure milestone appears", async () => {
    await callOk("POST", `/v1/shipments/${shipmentId}/pickup`, { token: travelerToken });
    await polled(milestoneNames).toEqual(["Offer accepted", "Picked up"]);
    await polled(() => textOf(detail("Status"))).toBe("Picked up");

    expect((await postPosition(munich)).accepted).toBe(1);
    await polled(() => textOf(detail("Last position"))).toMatch(/^48\.1351, 11\.5820 at /);
    await courierMarker().waitFor();
    const munichX = await markerX();
    await polled(milestoneNames).toEqual(["Offer accepted", "Picked up", "Departed"]);
    await polled(() => textOf(detail("Status"))).toBe("In transit");

    expect((await postPosition(istanbul)).accepted).toBe(1);
    await polled(() => textOf(detail("Last position"))).toMatch(/^41\.0082, 28\.9784 at /);
    await polled(markerX).toBeGreaterThan(munichX);
    expect(await page.locator("svg .map-trace").count()).toBe(1);
    expect(await textOf(detail("Estimated arrival"))).not.toBe("Not known yet");
    expect(await page.evaluate(() => (window as unknown as { e2eSamePage?: boolean }).e2eSamePage)).toBe(true);
  });

  it("a wrong PIN is refused with the tries left; the right one delivers and the page says Delivered", async () => {
    const wrongPin = pin === "000000" ? "111111" : "000000";
    const wrong = await callApi<{ code: string; attemptsLeft: number }>("POST", `/v1/shipments/${shipmentId}/deliver`, { token: travelerToken, body: { pin: wrongPin } });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: "WRONG_PIN", attemptsLeft: 4 });

    const delivered = await callOk<{ status: string }>("POST", `/v1/shipments/${shipmentId}/deliver`, { token: travelerToken, body: { pin } });
    expect(delivered.status).toBe("delivered");
    await polled(() => textOf(detail("Status"))).toBe("Delivered");
    await polled(async () => (await milestoneNames()).at(-1)).toBe("Delivered");
    expect(await page.locator(".live-indicator").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { e2eSamePage?: boolean }).e2eSamePage)).toBe(true);
  });
});

describe("a new traveller announces a trip, offers on a request and delivers it from the dashboard", { timeout: testTimeoutMs }, () => {
  const newTraveler = { displayName: `Carrier ${runId.slice(-8)}`, email: `e2e-crowdship-carrier-${runId}@example.com` };
  const secondItem = `E2E headphones ${runId}`;
  const dashboardHeading = () => page.getByRole("heading", { name: "Travel and carry", level: 1 });
  const notice = (message: string) => page.getByRole("status").filter({ hasText: message });
  const delivery = () => page.getByRole("list", { name: "Your deliveries" }).getByRole("listitem").filter({ hasText: secondItem }).first();
  let secondPin = "";

  it("a buyer takes the traveller role from the dashboard and adds a trip from the city list", async () => {
    await register(newTraveler);
    await header().getByRole("button", { name: "Sign out" }).click();
    await page.goto(url("/sign-in"));
    await page.getByLabel("Email").fill(newTraveler.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await header().getByRole("link", { name: newTraveler.displayName }).waitFor();
    await page.goto(url("/crowdship/trips"));
    await dashboardHeading().waitFor();
    await page.getByRole("button", { name: "Become a traveller" }).click();
    await notice("You are now a traveller.").waitFor();

    const form = page.getByRole("form", { name: "Add a trip" });
    await form.getByRole("group", { name: "From" }).getByRole("combobox", { name: "Choose a city" }).selectOption({ label: "Berlin, Germany" });
    await form.getByRole("group", { name: "To" }).getByRole("combobox", { name: "Choose a city" }).selectOption({ label: "Dubai, United Arab Emirates" });
    await form.getByLabel("Departs").fill(localDateTime(Date.now() + 24 * hourMs));
    await form.getByLabel("Arrives").fill(localDateTime(Date.now() + 30 * hourMs));
    await form.getByLabel("Space for (kg)").fill("5");
    await form.getByRole("button", { name: "Add trip" }).click();

    await notice("Trip Berlin → Dubai added.").waitFor();
    const trip = page.getByRole("list", { name: "Your trips" }).getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Berlin → Dubai", level: 3 }) });
    expect(await textOf(trip.locator('dt:text-is("Free space") + dd'))).toBe("5 kg of 5 kg");
  });

  it("offers on a matching request at the quote, with a pickup plan", async () => {
    const deliverBy = new Date(Date.now() + 7 * 24 * hourMs).toISOString();
    await callOk("POST", "/v1/shipment-requests", {
      token: requesterToken,
      body: { item: { title: secondItem, weightKg: 0.4, value: { amount: 9_900, currency: "USD" } }, from: berlin, to: dubai, deliverBy },
    });
    const trip = page.getByRole("list", { name: "Your trips" }).getByRole("listitem").first();
    await trip.getByRole("button", { name: "Refresh" }).click();
    await trip.getByRole("button", { name: `Make an offer for ${secondItem}` }).click();
    const form = trip.getByRole("form", { name: "Make an offer" });
    const quote = await form.getByLabel("Your price (USD)").inputValue();
    expect(quote).toMatch(/^\d+\.\d\d$/);
    await form.getByLabel("Pickup plan (optional)").fill("Alexanderplatz, Thursday 18:00");
    await form.getByRole("button", { name: "Make offer" }).click();

    await notice(`Offer of $${quote} sent for “${secondItem}”.`).waitFor();
    expect(await textOf(trip.getByRole("list", { name: `Your offers for ${secondItem}` }).getByRole("listitem"))).toBe(`Your offer: $${quote} · Open`);
    const myOffer = page.getByRole("list", { name: "My offers" }).getByRole("listitem").filter({ hasText: secondItem });
    expect(await textOf(myOffer.locator(".badge"))).toBe("Open");
    expect(await textOf(myOffer.getByText(/^\$\d/))).toBe(`$${quote} (quote $${quote})`);
  });

  it("once the requester accepts, picks up, sends a position by hand, and is told how many PIN tries are left", async () => {
    const requests = await callOk<{ items: { id: string; item: { title: string } }[] }>("GET", "/v1/me/shipment-requests", { token: requesterToken });
    const request = requests.items.find((item) => item.item.title === secondItem)!;
    const offers = await callOk<{ items: { id: string }[] }>("GET", `/v1/shipment-requests/${request.id}/offers`, { token: requesterToken });
    const accepted = await callOk<{ pin: string }>("POST", `/v1/offers/${offers.items[0]!.id}/accept`, { token: requesterToken, headers: { "Idempotency-Key": randomUUID() } });
    secondPin = accepted.pin;

    await page.reload();
    await dashboardHeading().waitFor();
    await delivery().getByRole("button", { name: "I have picked it up" }).click();
    await notice("Picked up.").waitFor();

    const position = delivery().getByRole("form", { name: "Send my position" });
    await position.getByLabel("Latitude").fill(String(munich.lat));
    await position.getByLabel("Longitude").fill(String(munich.lng));
    await position.getByRole("button", { name: "Send position" }).click();
    await delivery().getByText(/^Position 48\.1351, 11\.5820 sent at /).waitFor();

    const pinForm = delivery().getByRole("form", { name: "Confirm delivery with the PIN" });
    await pinForm.getByLabel("Delivery PIN").fill(secondPin === "000000" ? "111111" : "000000");
    await pinForm.getByRole("button", { name: "Confirm delivery" }).click();
    expect(await textOf(pinForm.getByText(/^That PIN is wrong\./))).toBe("That PIN is wrong. 4 tries left before the shipment locks.");
  });

  it("the right PIN delivers: the dashboard says so and the delivery shows as delivered", async () => {
    const pinForm = delivery().getByRole("form", { name: "Confirm delivery with the PIN" });
    await pinForm.getByLabel("Delivery PIN").fill(secondPin);
    await pinForm.getByRole("button", { name: "Confirm delivery" }).click();

    await notice("Delivered. The reward is on its way to your wallet.").waitFor();
    await polled(() => textOf(delivery().locator(".badge"))).toBe("Delivered");
  });
});

/** "2026-11-27T10:00" in this machine's time zone (the browser's too), as a datetime-local input takes it. */
function localDateTime(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
