-- Who leads: the tasks each canonical agency leads per commune and year (the who_leads view).
SELECT commune, plan_year, agency_code, level, tasks FROM who_leads
WHERE role = 'lead' ORDER BY commune, plan_year, tasks DESC, agency_code
