// What the traveller does with a delivery, by its status: confirm pickup, send positions, and finish with the requester's PIN.
import { useState } from "react";
import type { Shipment } from "../../api/types";
import { api } from "../../app/api";
import { ErrorAlert } from "../../components/error-alert";
import { errorMessage } from "../../components/error-message";
import { PinForm } from "./pin-form";
import { PositionForm } from "./position-form";

// Carried and not yet handed over: positions and the PIN apply.
const underway = new Set<Shipment["status"]>(["picked_up", "in_transit", "arrived", "out_for_delivery"]);

interface DeliveryActionsProps {
  shipment: Shipment;
  onChanged: (shipment: Shipment, notice: string) => void;
  // A wrong PIN locked it: only a fresh read shows the locked state.
  onLocked: () => void;
}

export function DeliveryActions({ shipment, onChanged, onLocked }: DeliveryActionsProps) {
  if (shipment.status === "accepted") return <PickUp shipment={shipment} onChanged={onChanged} />;
  if (underway.has(shipment.status)) {
    return (
      <>
        <PositionForm shipmentId={shipment.id} />
        <PinForm shipmentId={shipment.id} onDelivered={(delivered) => onChanged(delivered, "Delivered. The reward is on its way to your wallet.")} onLocked={onLocked} />
      </>
    );
  }
  if (shipment.status === "locked") return <p className="alert">Too many wrong PINs: this delivery is locked until an admin unlocks it.</p>;
  return null;
}

function PickUp({ shipment, onChanged }: Pick<DeliveryActionsProps, "shipment" | "onChanged">) {
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  async function pickUp(): Promise<void> {
    setPending(true);
    setAlert(null);
    try {
      onChanged(await api.pickUpShipment(shipment.id), "Picked up. Send your position as you travel so the requester can follow.");
    } catch (error) {
      setAlert(errorMessage(error));
    } finally {
      setPending(false);
    }
  }
  return (
    <div className="pickup">
      <ErrorAlert message={alert} />
      <button type="button" className="button button-primary" onClick={() => void pickUp()} disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : "I have picked it up"}
      </button>
    </div>
  );
}
