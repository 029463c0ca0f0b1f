// The landing page: what Mnbara is, and the way in for new and returning users.
import { Link } from "react-router";
import { useAppSelector } from "../../app/store";
import { selectUser } from "../auth/auth-slice";

const pillars = [
  {
    title: "Marketplace",
    text: "Sellers list items at a fixed price. Payment is held in escrow and reaches the seller once the buyer confirms delivery.",
  },
  {
    title: "Live auctions",
    text: "Bid against others in real time. Set the most you are willing to pay and Mnbara bids for you, one step at a time.",
  },
  {
    title: "Crowdshipping",
    text: "Travellers carry items on trips they are already taking. The recipient's PIN confirms the hand-over and releases the payment.",
  },
] as const;

export function HomePage() {
  const user = useAppSelector(selectUser);
  return (
    <>
      <title>Mnbara: buy, sell and send with travellers</title>
      <section className="hero" aria-labelledby="hero-title">
        <p className="eyebrow">A global marketplace</p>
        <h1 id="hero-title">Buy, sell and bid worldwide, and send items with people already travelling.</h1>
        {user === null ? (
          <>
            <p className="lead">Create an account to get started. Every account can buy; become a seller or a traveller from your profile.</p>
            <div className="actions">
              <Link to="/register" className="button button-primary">
                Create an account
              </Link>
              <Link to="/sign-in" className="button button-secondary">
                Sign in
              </Link>
            </div>
          </>
        ) : (
          <>
            <p className="lead">Welcome, {user.displayName}. Your profile is where you choose your roles and secure your account.</p>
            <div className="actions">
              <Link to="/profile" className="button button-primary">
                Go to your profile
              </Link>
            </div>
          </>
        )}
      </section>
      <section aria-labelledby="pillars-title">
        <h2 id="pillars-title" className="visually-hidden">
          What you can do on Mnbara
        </h2>
        <ul className="pillars">
          {pillars.map((pillar) => (
            <li key={pillar.title} className="card pillar">
              <h3>{pillar.title}</h3>
              <p>{pillar.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
