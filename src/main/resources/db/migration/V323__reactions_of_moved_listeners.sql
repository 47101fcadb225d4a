-- The outbox names each reaction by its listener's class and method (event_publication.listener_id), and a reaction is
-- run again only by a listener of that exact name. Two listeners moved into their module's sub-packages; a reaction
-- still pending under the former name (failed, or left by an instance that stopped) would otherwise never run again.
update event_publication
   set listener_id = 'io.arbiter.dunning.cases.InsolvencyProceedings.'
       || substr(listener_id, length('io.arbiter.dunning.InsolvencyProceedings.') + 1)
 where listener_id like 'io.arbiter.dunning.InsolvencyProceedings.%';

update event_publication
   set listener_id = 'io.arbiter.decision.standing.StandingLimitReviews.'
       || substr(listener_id, length('io.arbiter.decision.StandingLimitReviews.') + 1)
 where listener_id like 'io.arbiter.decision.StandingLimitReviews.%';
