// The traveller's dashboard: take the traveller role, announce trips, offer to carry matching requests, follow those offers, and run deliveries to the PIN.
import { useState } from "react";
import { Link } from "react-router";
import type { Shipment } from "../../api/types";
import { api } from "../../app/api";
import { useAppSelector } from "../../app/store";
import { PagedList } from "../../components/paged-list";
import { usePagedData } from "../../components/use-paged-data";
import { selectUser } from "../auth/auth-slice";
import { RoleOffer } from "../auth/role-offer";
import { formatMoney } from "../catalog/money";
import { formatDateTime } from "../catalog/time-left";
import { routeName, shipmentStatusLabel, shortReference } from "./crowdship-format";
import { DeliveryActions } from "./delivery-actions";
import { MyOffers } from "./my-offers";
import { TripCard } from "./trip-card";
import { TripForm } from "./trip-form";

const pageSize = 20;

export function TravelerPage() {
  const user = useAppSelector(selectUser);
  const [notice, setNotice] = useState("");
  const isTraveler = user?.roles.includes("traveler") ?? false;
  return (
    <div className="traveler-page">
      <title>Travel and carry · Mnbara</title>
      <header className="page-header page-header-row">
        <h1>Travel and carry</h1>
        <Link to="/crowdship" className="button button-secondary">
          Your shipments
        </Link>
      </header>
      <p className="notice" role="status">
        {notice}
      </p>
      {isTraveler ? (
        <TravelerSections onNotice={setNotice} />
      ) : (
        <section className="card" aria-labelledby="traveler-role-title">
          <h2 id="traveler-role-title">First, become a traveller</h2>
          <RoleOffer
            role="traveler"
            title="Carry items on trips you already make"
            description="Announce your trips, offer to carry what people need from your departure city, and earn the reward when you hand it over."
            actionLabel="Become a traveller"
            onAdded={() => setNotice("You are now a traveller. Add your first trip below.")}
          />
        </section>
      )}
    </div>
  );
}

function TravelerSections({ onNotice }: { onNotice: (message: string) => void }) {
  const trips = usePagedData((cursor, signal) => api.myTrips({ limit: pageSize, ...(cursor === undefined ? {} : { cursor }) }, signal), []);
  // One list of the traveller's offers feeds both the trip cards (their offers per request) and "My offers".
  const offers = usePagedData((cursor, signal) => api.myOffers({ limit: pageSize, ...(cursor === undefined ? {} : { cursor }) }, signal), []);
  const deliveries = usePagedData((cursor, signal) => api.myShipments({ role: "traveler", limit: pageSize, ...(cursor === undefined ? {} : { cursor }) }, signal), []);
  return (
    <>
      <section className="card" aria-labelledby="add-trip-title">
        <h2 id="add-trip-title">Add a trip</h2>
        <TripForm
          onCreated={(trip) => {
            onNotice(`Trip ${routeName(trip.from, trip.to)} added. Requests it can carry show under it.`);
            trips.reload();
          }}
        />
      </section>
      <section aria-labelledby="trips-title">
        <h2 id="trips-title">Your trips</h2>
        <PagedList list={trips} label="Your trips" className="trip-list" loadingText="Loading your trips…" empty={<p>No trips yet. Add one above to see what you could carry.</p>}>
          {(trip) => (
            <TripCard
              key={trip.id}
              trip={trip}
              offers={offers.items}
              onChanged={(_, message) => {
                onNotice(message);
                trips.reload();
                // Cancelling a trip withdraws its open offers.
                offers.reload();
              }}
              onOffered={(message) => {
                onNotice(message);
                offers.reload();
              }}
            />
          )}
        </PagedList>
      </section>
      <MyOffers list={offers} />
      <section aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">Your deliveries</h2>
        <PagedList
          list={deliveries}
          label="Your deliveries"
          className="delivery-list"
          loadingText="Loading your deliveries…"
          empty={<p>When a requester accepts one of your offers, the delivery shows here.</p>}
        >
          {(shipment) => (
            <DeliveryCard
              key={shipment.id}
              shipment={shipment}
              onChanged={(_, message) => {
                onNotice(message);
                deliveries.reload();
              }}
              onLocked={deliveries.reload}
            />
          )}
        </PagedList>
      </section>
    </>
  );
}

function DeliveryCard({ shipment, onChanged, onLocked }: { shipment: Shipment; onChanged: (shipment: Shipment, notice: string) => void; onLocked: () => void }) {
  const headingId = `delivery-${shipment.id}`;
  return (
    <li className="card delivery-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{shipment.item.title}</h3>
      <p className="order-row-meta">
        <span className={`badge badge-status badge-shipment-${shipment.status}`}>{shipmentStatusLabel(shipment.status)}</span>
        <span>{routeName(shipment.from, shipment.to)}</span>
        <span>reward {formatMoney(shipment.reward)}</span>
        <span>
          deliver by <time dateTime={shipment.deliverBy}>{formatDateTime(shipment.deliverBy)}</time>
        </span>
        <Link to={`/shipments/${shipment.id}`}>Track shipment {shortReference(shipment.id)}</Link>
      </p>
      <DeliveryActions shipment={shipment} onChanged={onChanged} onLocked={onLocked} />
    </li>
  );
}
